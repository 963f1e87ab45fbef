// Linked tickets under their outage (issue 14, point 6): on a terminal, `hd list` and
// `hd sla --overdue` show one line per active outage in place of its linked rows, with counts;
// `--expand` lists the rows under that line. Piped and --json output keep one row per ticket (with
// the outage as a field), so this is for the terminal table only. Pure.
import { formatOutageNumber } from '../domain/outage.ts';
import type { Status } from '../domain/types.ts';
import { t } from '../i18n.ts';
import type { OutageHead } from '../store/outages.ts';
import type { Column } from './output.ts';
import { statusCount } from './status.ts';

export interface OutageGroup<R> {
  outage: OutageHead;
  rows: R[];
}

/** A line of a grouped table: an outage with its rows, or a row (`under` an outage when expanded). */
export type Grouped<R> = { group: OutageGroup<R> } | { row: R; under?: number };

/**
 * The rows with those linked to an active outage (`heads`) gathered on one line, where the first of
 * them stood (the list's order decides where the outage goes); expanded, its rows follow that line.
 */
export function groupByOutage<R>(
  rows: R[],
  outageOf: (row: R) => number | null,
  heads: Map<number, OutageHead>,
  expand: boolean,
): Grouped<R>[] {
  const groups = new Map<number, OutageGroup<R>>();
  const order: ({ group: OutageGroup<R> } | { row: R })[] = [];
  for (const row of rows) {
    const id = outageOf(row);
    const outage = id == null ? undefined : heads.get(id);
    if (!outage) {
      order.push({ row });
      continue;
    }
    let group = groups.get(outage.id);
    if (!group) {
      group = { outage, rows: [] };
      groups.set(outage.id, group);
      order.push({ group });
    }
    group.rows.push(row);
  }
  return order.flatMap((line) =>
    'group' in line && expand
      ? [line, ...line.group.rows.map((row) => ({ row, under: line.group.outage.id }))]
      : [line],
  );
}

/** "3 acknowledged, 1 pending": the linked tickets by status, each ticket once. */
export function countsByStatus<R>(
  rows: R[],
  ticketOf: (row: R) => number,
  statusOf: (row: R) => Status,
): string {
  const seen = new Set<number>();
  const counts = new Map<Status, number>();
  for (const row of rows) {
    if (seen.has(ticketOf(row))) continue;
    seen.add(ticketOf(row));
    counts.set(statusOf(row), (counts.get(statusOf(row)) ?? 0) + 1);
  }
  return [...counts].map(([status, n]) => statusCount(n, status)).join(', ');
}

/** What failed and the outage's summary: "OLT-7 · Fibre cut on the ring". */
export const outageWhat = (o: OutageHead): string =>
  o.elements ? `${o.elements} · ${o.summary}` : o.summary;

/** The most urgent priority among the rows (P1 before P2). */
export const worstPriority = <R>(rows: R[], priorityOf: (row: R) => string): string =>
  rows.map(priorityOf).sort()[0] ?? '';

/**
 * The table's columns over grouped lines: a row keeps its cells (the first column marked "↳ " when
 * it stands under its outage), an outage line takes its cells from `outageCells` by column header.
 */
export function groupedColumns<R>(
  columns: Column<R>[],
  outageCells: Record<string, (g: OutageGroup<R>) => string>,
  outageColour: (text: string) => string,
): Column<Grouped<R>>[] {
  return columns.map((c, i) => ({
    ...c,
    value: (line) => {
      if ('group' in line) return outageCells[c.header]?.(line.group) ?? '';
      const text = c.value(line.row);
      return i === 0 && line.under !== undefined ? `↳ ${text}` : text;
    },
    colour: (text, line) =>
      'group' in line ? outageColour(text) : c.colour ? c.colour(text, line.row) : text,
    // An outage line carries the operator's text (its summary) in any column: cleaned like input.
    trusted: false,
  }));
}

export const outageNumber = (g: OutageGroup<unknown>): string => formatOutageNumber(g.outage.id);
export const linkedCount = (n: number): string =>
  t(n === 1 ? 'outage.group.one' : 'outage.group.many', { n });
