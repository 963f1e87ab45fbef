// The tickets hd import brought in, by their source and id there (migration imported_tickets).
import { type Queryable, sql } from './port.ts';

/** The ticket imported from `source` as `externalId`, if one was. */
export async function importedTicketId(
  q: Queryable,
  source: string,
  externalId: string,
): Promise<number | null> {
  const row = await q.get<{ id: number }>(
    sql`SELECT ticket_id AS id FROM imported_tickets WHERE source = ${source} AND external_id = ${externalId}`,
  );
  return row ? Number(row.id) : null;
}

export async function recordImport(
  q: Queryable,
  r: { ticketId: number; source: string; externalId: string; at: number; by: string },
): Promise<void> {
  await q.run(
    sql`INSERT INTO imported_tickets (ticket_id, source, external_id, imported_at, imported_by)
        VALUES (${r.ticketId}, ${r.source}, ${r.externalId}, ${r.at}, ${r.by})`,
  );
}
