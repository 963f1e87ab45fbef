// One breach row of the engines' tuned SLA queries (src/store/sqlite/queries.ts,
// src/store/postgres/queries.ts), read the same way on both. Its own module: the engine query
// modules import it, and sla.ts (which reaches them through the engine registry) must not be
// imported back by them.
import { DEADLINE_KINDS } from '../domain/deadlines.ts';
import type { Priority, Status, TellKind } from '../domain/types.ts';
import type { BreachRecord } from './sla.ts';

/** A breach row as the engines' tuned queries return it, raw: [kind index, id, priority, status, due, assignee, client, tell]. */
export function breachRecord(r: unknown[]): BreachRecord {
  return {
    kind: DEADLINE_KINDS[r[0] as number]!,
    ticketId: r[1] as number,
    priority: r[2] as Priority,
    status: r[3] as Status,
    due: r[4] as number,
    assignee: r[5] as string | null,
    clientName: r[6] as string,
    tellKind: r[7] as TellKind | null,
  };
}
