// The reserve stock: per SKU and depot, stock on hand of which some is reserved for dispatches.
// Every change goes through `move`, which checks, updates and appends to the movement log.
import { RefusedError } from '../errors.ts';
import type { Store } from './sqlite/db.ts';

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

const COLUMNS = 'id, sku, depot, description, stock, reserved, stock - reserved AS available, minimum';

export async function listSpares(
  store: Store,
  f: { depot?: string; sku?: string; low?: boolean } = {},
): Promise<Spare[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.depot) {
    where.push('depot = ?');
    params.push(f.depot);
  }
  if (f.sku) {
    where.push('sku = ?');
    params.push(f.sku);
  }
  if (f.low) where.push('stock - reserved < minimum');
  return store.db
    .prepare(
      `SELECT ${COLUMNS} FROM spares ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sku, depot`,
    )
    .all(...params) as Spare[];
}

export async function lowStock(store: Store): Promise<Spare[]> {
  return listSpares(store, { low: true });
}

export async function findSpare(store: Store, sku: string, depot: string): Promise<Spare | undefined> {
  return store.db.prepare(`SELECT ${COLUMNS} FROM spares WHERE sku = ? AND depot = ?`).get(sku, depot) as
    | Spare
    | undefined;
}

/** Depots that have at least `quantity` of `sku` available, for messages that suggest one. */
export async function depotsWith(store: Store, sku: string, quantity: number): Promise<Spare[]> {
  return store.db
    .prepare(
      `SELECT ${COLUMNS} FROM spares WHERE sku = ? AND stock - reserved >= ? ORDER BY stock - reserved DESC`,
    )
    .all(sku, quantity) as Spare[];
}

export async function createSpare(
  store: Store,
  s: { sku: string; depot: string; description: string; minimum: number },
): Promise<Spare> {
  return store.db
    .prepare(
      `INSERT INTO spares (sku, depot, description, stock, reserved, minimum) VALUES (?, ?, ?, 0, 0, ?) RETURNING ${COLUMNS}`,
    )
    .get(s.sku, s.depot, s.description, s.minimum) as Spare;
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
  store: Store,
  spare: Spare,
  kind: Movement['kind'],
  stockDelta: number,
  reservedDelta: number,
  m: MoveContext,
): Promise<Spare> {
  const current = store.db.prepare(`SELECT ${COLUMNS} FROM spares WHERE id = ?`).get(spare.id) as Spare;
  const stock = current.stock + stockDelta;
  const reserved = current.reserved + reservedDelta;
  if (stock < 0 || reserved < 0 || reserved > stock) {
    throw new RefusedError(
      `${current.sku} at ${current.depot}: ${current.stock} in stock, ${current.reserved} reserved, ${current.available} available; ` +
        `this would leave ${stock - reserved} available. Nothing was changed.`,
    );
  }
  store.db.prepare('UPDATE spares SET stock = ?, reserved = ? WHERE id = ?').run(stock, reserved, spare.id);
  store.db
    .prepare(
      `INSERT INTO spare_movements (spare_id, at, actor, kind, quantity, stock_after, reserved_after, ticket_id, dispatch_id, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      spare.id,
      m.at,
      m.actor,
      kind,
      stockDelta || reservedDelta,
      stock,
      reserved,
      m.ticketId ?? null,
      m.dispatchId ?? null,
      m.reason ?? null,
    );
  return { ...current, stock, reserved, available: stock - reserved };
}

export async function movements(store: Store, sku: string): Promise<Movement[]> {
  return store.db
    .prepare(
      `SELECT m.id, s.sku, s.depot, m.at, m.actor, m.kind, m.quantity, m.stock_after AS stockAfter,
              m.reserved_after AS reservedAfter, m.ticket_id AS ticketId, m.dispatch_id AS dispatchId, m.reason
       FROM spare_movements m JOIN spares s ON s.id = m.spare_id WHERE s.sku = ? ORDER BY m.id`,
    )
    .all(sku) as Movement[];
}
