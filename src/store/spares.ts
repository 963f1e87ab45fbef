// The reserve stock: per SKU and depot, stock on hand of which some is reserved for dispatches.
// Every change goes through `move`, which checks, updates and appends to the movement log.
import { RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { type Queryable, type Sql, sql } from './port.ts';

export interface Spare {
  id: number;
  sku: string;
  depot: string;
  description: string;
  stock: number;
  reserved: number;
  available: number;
  minimum: number;
}

export interface Movement {
  id: number;
  sku: string;
  depot: string;
  at: number;
  actor: string;
  kind: 'receive' | 'adjust' | 'reserve' | 'release' | 'consume';
  quantity: number;
  stockAfter: number;
  reservedAfter: number;
  ticketId: number | null;
  dispatchId: number | null;
  reason: string | null;
}

const COLUMNS = sql.raw(
  'id, sku, depot, description, stock, reserved, stock - reserved AS available, minimum',
);

export async function listSpares(
  q: Queryable,
  f: { depot?: string; sku?: string; low?: boolean } = {},
): Promise<Spare[]> {
  const where: Sql[] = [];
  if (f.depot) where.push(sql`depot = ${f.depot}`);
  if (f.sku) where.push(sql`sku = ${f.sku}`);
  if (f.low) where.push(sql`stock - reserved < minimum`);
  return q.all<Spare>(
    sql`SELECT ${COLUMNS} FROM spares ${where.length ? sql`WHERE ${sql.join(where, ' AND ')}` : sql``} ORDER BY sku, depot`,
  );
}

export async function lowStock(q: Queryable): Promise<Spare[]> {
  return listSpares(q, { low: true });
}

export async function findSpare(q: Queryable, sku: string, depot: string): Promise<Spare | undefined> {
  return q.get<Spare>(sql`SELECT ${COLUMNS} FROM spares WHERE sku = ${sku} AND depot = ${depot}`);
}

/** Every depot hd knows: where spares are kept and where engineers are based, by name. */
export async function knownDepots(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ depot: string }>(
    sql`SELECT CAST(depot AS TEXT) AS depot FROM spares UNION SELECT depot FROM engineers ORDER BY 1`,
  );
  return rows.map((r) => r.depot);
}

/** Depots that have at least `quantity` of `sku` available, for messages that suggest one. */
export async function depotsWith(q: Queryable, sku: string, quantity: number): Promise<Spare[]> {
  return q.all<Spare>(
    sql`SELECT ${COLUMNS} FROM spares WHERE sku = ${sku} AND stock - reserved >= ${quantity} ORDER BY stock - reserved DESC`,
  );
}

export async function createSpare(
  q: Queryable,
  s: { sku: string; depot: string; description: string; minimum: number },
): Promise<Spare> {
  return (await q.get<Spare>(
    sql`INSERT INTO spares (sku, depot, description, stock, reserved, minimum)
        VALUES (${s.sku}, ${s.depot}, ${s.description}, 0, 0, ${s.minimum}) RETURNING ${COLUMNS}`,
  )) as Spare;
}

/** Sets the level below which a spare counts as low. */
export async function setMinimum(q: Queryable, spareId: number, minimum: number): Promise<void> {
  await q.run(sql`UPDATE spares SET minimum = ${minimum} WHERE id = ${spareId}`);
}

export interface MoveContext {
  at: number;
  actor: string;
  ticketId?: number | null;
  dispatchId?: number | null;
  reason?: string | null;
}

/**
 * One stock movement. `stockDelta` changes the units on hand, `reservedDelta` the reserved ones:
 * receive (+n, 0), adjust (±n, 0), reserve (0, +n), release (0, −n), consume (−n, −n or 0).
 * Refuses anything that would make stock or availability negative; nothing is written then.
 */
export async function move(
  q: Queryable,
  spare: Spare,
  kind: Movement['kind'],
  stockDelta: number,
  reservedDelta: number,
  m: MoveContext,
): Promise<Spare> {
  // One atomic UPDATE: two writers moving the same stock cannot both pass a check on a stale read.
  const moved = await q.get<Spare>(
    sql`UPDATE spares SET stock = stock + ${stockDelta}, reserved = reserved + ${reservedDelta}
       WHERE id = ${spare.id} AND stock + ${stockDelta} >= 0 AND reserved + ${reservedDelta} >= 0
         AND reserved + ${reservedDelta} <= stock + ${stockDelta}
       RETURNING ${COLUMNS}`,
  );
  if (!moved) {
    const current = (await q.get<Spare>(sql`SELECT ${COLUMNS} FROM spares WHERE id = ${spare.id}`)) as Spare;
    throw new RefusedError(
      t('spares.err.wouldLeave', {
        sku: current.sku,
        depot: current.depot,
        stock: current.stock,
        reserved: current.reserved,
        available: current.available,
        left: current.available + stockDelta - reservedDelta,
      }),
    );
  }
  const { stock, reserved } = moved;
  await q.run(
    sql`INSERT INTO spare_movements (spare_id, at, actor, kind, quantity, stock_after, reserved_after, ticket_id, dispatch_id, reason)
       VALUES (${spare.id}, ${m.at}, ${m.actor}, ${kind}, ${stockDelta || reservedDelta}, ${stock}, ${reserved},
               ${m.ticketId ?? null}, ${m.dispatchId ?? null}, ${m.reason ?? null})`,
  );
  return moved;
}

export async function movements(q: Queryable, sku: string): Promise<Movement[]> {
  return q.all<Movement>(
    sql`SELECT m.id, s.sku, s.depot, m.at, m.actor, m.kind, m.quantity, m.stock_after AS "stockAfter",
              m.reserved_after AS "reservedAfter", m.ticket_id AS "ticketId", m.dispatch_id AS "dispatchId", m.reason
       FROM spare_movements m JOIN spares s ON s.id = m.spare_id WHERE s.sku = ${sku} ORDER BY m.id`,
  );
}
