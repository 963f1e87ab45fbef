// hd import --format tmf621: TroubleTickets from another system (or hd export) into this desk, in
// one transaction. Each line is checked as POST /troubleTicket checks a body (api/import-input.ts);
// one refused line refuses the whole file, naming every bad line, and nothing is written. A line
// whose ticket was imported before (same source and id there) is skipped and counted.
import { type ImportedTicket, importedTicketOf, zonesFor } from '../api/import-input.ts';
import type { Context } from '../context.ts';
import { ImportRefused, importedTimeline } from '../domain/import.ts';
import type { PriorityMatrix, RuleProfile } from '../domain/types.ts';
import { HdError, RefusedError } from '../errors.ts';
import { type MessageKey, type Rewording, reworded, t } from '../i18n.ts';
import { importedTicketId, recordImport } from '../store/imports.ts';
import type { Tx } from '../store/port.ts';
import { profileForOpening } from '../store/reference.ts';
import { appendEvents, updateTicket } from '../store/tickets.ts';
import { jsonProblem } from '../ui/json-problem.ts';
import { insertOpenedTicket, planOpening } from './open-ticket.ts';

export interface ImportLine {
  /** Its number in the file, from 1. */
  number: number;
  text: string;
}

export interface ImportSummary {
  imported: number;
  /** Imported before (or twice in this file): not imported again. */
  skipped: number;
  /** The hd numbers the imported tickets got, in file order. */
  tickets: number[];
}

/** t(), where the loop below names an imported ticket `t`. */
const tr = t;

/** At most this many bad lines are named; the count says how many more. */
export const NAMED = 20;

/**
 * The refusal of a file with invalid lines: the count, then each named line on a line of its own
 * on stderr (HdError.lines: never joined into one line or broken to the terminal's width).
 */
export class ImportInvalidError extends RefusedError {
  constructor(
    readonly problems: string[],
    readonly count: number,
  ) {
    super(t(count === 1 ? 'import.err.invalid.one' : 'import.err.invalid.many', { n: count }));
    const more = count - problems.length;
    this.lines = more > 0 ? [...problems, t('import.err.more', { n: more })] : [...problems];
  }
}

type Profiles = Map<string, { profile: RuleProfile; matrix: PriorityMatrix }>;

export async function importTroubleTickets(
  ctx: Context,
  lines: AsyncIterable<ImportLine>,
  o: { source: string; onLine?: (line: ImportLine) => void },
): Promise<ImportSummary> {
  const store = await ctx.store();
  const now = ctx.now().getTime();
  return store.tx(async (q) => {
    const zones = await zonesFor(q);
    const profiles: Profiles = new Map();
    // The first NAMED problems are kept; the others only counted.
    const problems: string[] = [];
    let invalid = 0;
    const summary: ImportSummary = { imported: 0, skipped: 0, tickets: [] };
    let empty = true;
    for await (const line of lines) {
      o.onLine?.(line);
      if (!line.text.trim()) continue;
      empty = false;
      const bad = (problem: string) => {
        if (++invalid <= NAMED) problems.push(tr('import.err.line', { n: line.number, problem }));
      };
      let doc: unknown;
      try {
        doc = JSON.parse(line.text);
      } catch (error) {
        const { column, problem } = jsonProblem(line.text, error as Error);
        bad(tr('import.err.notJson', { why: tr('json.fault.column', { column, problem }) }));
        continue;
      }
      let t: ImportedTicket;
      try {
        t = await importedTicketOf(q, doc, { source: o.source, now, zones });
        if ((await importedTicketId(q, t.history.source, t.history.externalId)) !== null) {
          summary.skipped++;
          continue;
        }
        // Once a line is refused nothing will be kept: the rest is only checked, every check a
        // written line gets included (its history against hd's lifecycle), so that all are named.
        if (invalid) {
          importedTimeline(t.history, ctx.operator);
          continue;
        }
        summary.tickets.push(await writeImported(ctx, q, t, profiles, now));
        summary.imported++;
      } catch (error) {
        if (error instanceof ImportRefused || error instanceof HdError) {
          bad(importProblemWords(error.message));
          continue;
        }
        throw error;
      }
    }
    if (empty) throw new RefusedError(tr('import.err.noLines'));
    if (invalid) throw new ImportInvalidError(problems, invalid);
    return summary;
  });
}

/** The ticket, its opening and history events and the row they project to; its number. */
async function writeImported(
  ctx: Context,
  q: Tx,
  t: ImportedTicket,
  profiles: Profiles,
  now: number,
): Promise<number> {
  const { draft, history: h } = t;
  const name = draft.client.profile;
  let rules = profiles.get(name);
  if (!rules) {
    rules = await profileForOpening(q, name);
    profiles.set(name, rules);
  }
  // The deadlines run from the original opening, by the client's profile as it is now.
  const plan = await planOpening(
    rules.profile,
    rules.matrix,
    {
      impact: draft.impact,
      urgency: draft.urgency,
      // The other system's priority is kept; where the matrix says otherwise, as an override.
      ...(t.priority ? { priority: t.priority, reason: `imported: ${t.priority} in ${h.source}` } : {}),
    },
    h.openedAt,
    ctx.timeZone,
  );
  // draftFromBody finds the reporter among the client's contacts: never a new one.
  const contact = draft.contact;
  if (!contact) throw new Error('an import draft names an existing contact');
  const { ticket, opened } = await insertOpenedTicket(q, {
    client: draft.client,
    contact,
    newContact: false,
    service: draft.service,
    channel: draft.channel,
    impact: draft.impact,
    urgency: draft.urgency,
    summary: draft.summary,
    description: draft.description ?? '',
    answers: draft.answers,
    // Links of the other system name its tickets, not this desk's; an outage active now is not
    // the one of a ticket from the past.
    relatedTo: null,
    plan,
    at: h.openedAt,
    by: ctx.operator,
  });
  const { events, row } = importedTimeline(h, ctx.operator);
  await updateTicket(q, ticket.id, row);
  await appendEvents(
    q,
    [
      { ...opened, payload: { ...opened.payload, imported: { source: h.source, externalId: h.externalId } } },
      ...events.map((e) => ({ ticketId: ticket.id, ...e })),
    ],
    new Map([[ticket.id, { openedAt: h.openedAt, lastId: null, lastHash: null }]]),
  );
  await recordImport(q, {
    ticketId: ticket.id,
    source: h.source,
    externalId: h.externalId,
    at: now,
    by: ctx.operator,
  });
  return ticket.id;
}

const PROBLEMS: Rewording[] = [
  [
    /^the (\S+) must have required property '(.+)'$/,
    (m) => tr('import.problem.required', { where: m[1]!, field: m[2]! }),
  ],
  [
    /^the (\S+) must be (string|number|object|array|boolean|null)$/,
    (m) => tr('import.problem.type', { where: m[1]!, type: tr(`import.type.${m[2]}` as MessageKey) }),
  ],
  [
    /^the (\S+) must be equal to one of the allowed values: (.*)$/,
    (m) => tr('import.problem.enum', { where: m[1]!, values: m[2]! }),
  ],
  [
    /^the (\S+) must NOT have more than (\d+) characters$/,
    (m) => tr('import.problem.maxLength', { where: m[1]!, n: m[2]! }),
  ],
  [
    /^the (\S+) must NOT have more than (\d+) items$/,
    (m) => tr('import.problem.maxItems', { where: m[1]!, n: m[2]! }),
  ],
  [
    /^the (\S+) must NOT have fewer than (\d+) properties$/,
    (m) => tr('import.problem.minProperties', { where: m[1]!, n: m[2]! }),
  ],
  [
    /^the (\S+) has the unknown field "(.*)"; unknown fields are refused$/s,
    (m) => tr('import.problem.unknown', { where: m[1]!, field: m[2]! }),
  ],
];

/**
 * A line's schema problem in the interface language. The checker words it as the API does, in
 * English ("the TroubleTicket must have required property '@type'"); the CLI says it in Russian.
 */
export function importProblemWords(message: string): string {
  return reworded(message, PROBLEMS);
}
