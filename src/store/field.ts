// Engineers, dispatches (field jobs) with their reserved spares, and faulty units.
import { foldKey, namesMatch } from '../domain/fold.ts';
import { NotFoundError, RefusedError } from '../errors.ts';
import type { Store } from './sqlite/db.ts';

export interface Engineer {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  depot: string;
  region: string;
  skills: string[];
  onDuty: boolean;
}

export const JOB_STATUSES = ['assigned', 'en-route', 'on-site', 'done', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const OPEN_JOB = "status IN ('assigned', 'en-route', 'on-site')";

export interface Dispatch {
  id: number;
  ticketId: number;
  engineerId: number;
  engineerName: string;
  status: JobStatus;
  onsiteDue: number | null;
  note: string | null;
  overrideReason: string | null;
  createdAt: number;
  createdBy: string;
  enRouteAt: number | null;
  onSiteAt: number | null;
  finishedAt: number | null;
  spares: { spareId: number; sku: string; depot: string; reserved: number; used: number; released: number }[];
}

type Row = Record<string, unknown>;
const toEngineer = (r: Row): Engineer => ({
  id: r.id as number,
  name: r.name as string,
  phone: r.phone as string | null,
  email: r.email as string | null,
  depot: r.depot as string,
  region: r.region as string,
  skills: JSON.parse(r.skills as string),
  onDuty: r.on_duty === 1,
});

/** Refuses a name that differs from an existing engineer's only in case, accents or spacing. */
export async function addEngineer(store: Store, e: Omit<Engineer, 'id'>, now: number): Promise<Engineer> {
  const key = foldKey(e.name);
  let row: Row | undefined;
  try {
    row = store.db
      .prepare(
        `INSERT INTO engineers (name, phone, email, depot, region, skills, on_duty, created_at, name_key)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM engineers WHERE name_key = ?)
         RETURNING *`,
      )
      .get(
        e.name,
        e.phone,
        e.email,
        e.depot,
        e.region,
        JSON.stringify(e.skills),
        e.onDuty ? 1 : 0,
        now,
        key,
        key,
      ) as Row | undefined;
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
  }
  if (row) return toEngineer(row);
  const existing =
    (store.db.prepare('SELECT name FROM engineers WHERE name_key = ?').pluck().get(key) as
      | string
      | undefined) ?? e.name;
  throw new RefusedError(`An engineer named "${existing}" already exists (hd engineer show "${existing}").`);
}

export async function updateEngineer(
  store: Store,
  id: number,
  e: Partial<Omit<Engineer, 'id' | 'name'>>,
): Promise<Engineer> {
  const sets: string[] = [];
  const values: unknown[] = [];
  const put = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (e.phone !== undefined) put('phone', e.phone);
  if (e.email !== undefined) put('email', e.email);
  if (e.depot !== undefined) put('depot', e.depot);
  if (e.region !== undefined) put('region', e.region);
  if (e.skills !== undefined) put('skills', JSON.stringify(e.skills));
  if (e.onDuty !== undefined) put('on_duty', e.onDuty ? 1 : 0);
  const row = store.db
    .prepare(`UPDATE engineers SET ${sets.join(', ')} WHERE id = ? RETURNING *`)
    .get(...values, id) as Row;
  return toEngineer(row);
}

/**
 * One engineer from what was typed, whatever its case and accents: the full name, or whole words
 * of it that only one engineer's name holds ("иванов" for "Иванов Сергей", not for "Иванова Анна").
 */
export async function getEngineer(store: Store, name: string): Promise<Engineer> {
  const key = foldKey(name);
  const byKey = (sql: string) => (key ? (store.db.prepare(sql).all(key) as Row[]) : []);
  let rows = byKey('SELECT * FROM engineers WHERE name_key = ? ORDER BY name_key, id');
  if (rows.length === 0)
    rows = byKey('SELECT * FROM engineers WHERE instr(name_key, ?) > 0 ORDER BY name_key, id').filter((r) =>
      namesMatch(name, r.name as string),
    );
  if (rows.length === 1) return toEngineer(rows[0]!);
  if (rows.length > 1) {
    throw new RefusedError(
      `"${name.trim()}" matches ${rows.length} engineers: ${rows.map((r) => r.name as string).join(', ')}. Give the full name.`,
    );
  }
  const names = store.db
    .prepare('SELECT name FROM engineers ORDER BY name_key, id')
    .pluck()
    .all() as string[];
  throw new NotFoundError(
    `No engineer named "${name}". Engineers: ${names.join(', ') || 'none (hd engineer add …)'}.`,
  );
}

export async function listEngineers(store: Store): Promise<Engineer[]> {
  return (store.db.prepare('SELECT * FROM engineers ORDER BY name_key, id').all() as Row[]).map(toEngineer);
}

const DISPATCH_SELECT = `SELECT d.*, e.name AS engineer_name FROM dispatches d JOIN engineers e ON e.id = d.engineer_id`;

function toDispatch(store: Store, r: Row): Dispatch {
  const spares = store.db
    .prepare(
      `SELECT ds.spare_id AS spareId, s.sku, s.depot, ds.reserved, ds.used, ds.released
       FROM dispatch_spares ds JOIN spares s ON s.id = ds.spare_id WHERE ds.dispatch_id = ? ORDER BY s.sku`,
    )
    .all(r.id) as Dispatch['spares'];
  return {
    id: r.id as number,
    ticketId: r.ticket_id as number,
    engineerId: r.engineer_id as number,
    engineerName: r.engineer_name as string,
    status: r.status as JobStatus,
    onsiteDue: r.onsite_due as number | null,
    note: r.note as string | null,
    overrideReason: r.override_reason as string | null,
    createdAt: r.created_at as number,
    createdBy: r.created_by as string,
    enRouteAt: r.en_route_at as number | null,
    onSiteAt: r.on_site_at as number | null,
    finishedAt: r.finished_at as number | null,
    spares,
  };
}

export async function insertDispatch(
  store: Store,
  d: {
    ticketId: number;
    engineerId: number;
    onsiteDue: number | null;
    note: string | null;
    overrideReason: string | null;
    at: number;
    by: string;
  },
): Promise<number> {
  return store.db
    .prepare(
      `INSERT INTO dispatches (ticket_id, engineer_id, status, onsite_due, note, override_reason, created_at, created_by)
       VALUES (?, ?, 'assigned', ?, ?, ?, ?, ?) RETURNING id`,
    )
    .pluck()
    .get(d.ticketId, d.engineerId, d.onsiteDue, d.note, d.overrideReason, d.at, d.by) as number;
}

export async function reserveForDispatch(
  store: Store,
  dispatchId: number,
  spareId: number,
  quantity: number,
): Promise<void> {
  store.db
    .prepare(
      `INSERT INTO dispatch_spares (dispatch_id, spare_id, reserved) VALUES (?, ?, ?)
       ON CONFLICT (dispatch_id, spare_id) DO UPDATE SET reserved = reserved + excluded.reserved`,
    )
    .run(dispatchId, spareId, quantity);
}

export async function recordSpareUse(
  store: Store,
  dispatchId: number,
  spareId: number,
  used: number,
  released: number,
): Promise<void> {
  store.db
    .prepare(
      'UPDATE dispatch_spares SET used = used + ?, released = released + ? WHERE dispatch_id = ? AND spare_id = ?',
    )
    .run(used, released, dispatchId, spareId);
}

export async function setDispatchStatus(
  store: Store,
  id: number,
  status: JobStatus,
  at: number,
  note: string | null,
): Promise<void> {
  const column = status === 'en-route' ? 'en_route_at' : status === 'on-site' ? 'on_site_at' : 'finished_at';
  store.db
    .prepare(`UPDATE dispatches SET status = ?, ${column} = ?, note = COALESCE(?, note) WHERE id = ?`)
    .run(status, at, note, id);
}

export async function getDispatch(store: Store, id: number): Promise<Dispatch> {
  const row = store.db.prepare(`${DISPATCH_SELECT} WHERE d.id = ?`).get(id) as Row | undefined;
  if (!row) throw new NotFoundError(`There is no field job J-${id}. See hd dispatch list.`);
  return toDispatch(store, row);
}

export async function dispatchesOf(store: Store, ticketId: number): Promise<Dispatch[]> {
  return (
    store.db.prepare(`${DISPATCH_SELECT} WHERE d.ticket_id = ? ORDER BY d.id`).all(ticketId) as Row[]
  ).map((r) => toDispatch(store, r));
}

export async function listDispatches(
  store: Store,
  f: { engineerId?: number; open?: boolean; limit: number },
): Promise<Dispatch[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.open) where.push(`d.${OPEN_JOB}`);
  if (f.engineerId !== undefined) {
    where.push('d.engineer_id = ?');
    params.push(f.engineerId);
  }
  const rows = store.db
    .prepare(
      `${DISPATCH_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT ?`,
    )
    .all(...params, f.limit) as Row[];
  return rows.map((r) => toDispatch(store, r));
}

/** Open jobs per engineer, for `hd engineer list` and the earlier-job warning. */
export async function openJobs(store: Store, engineerId: number): Promise<Dispatch[]> {
  const rows = store.db
    .prepare(`${DISPATCH_SELECT} WHERE d.engineer_id = ? AND d.${OPEN_JOB} ORDER BY d.onsite_due`)
    .all(engineerId) as Row[];
  return rows.map((r) => toDispatch(store, r));
}

export interface FaultyUnit {
  id: number;
  ticketId: number;
  dispatchId: number | null;
  sku: string;
  depot: string;
  faultySerial: string;
  newSerial: string;
  status: string;
  replacedAt: number;
  replacedBy: string;
}

export async function addFaultyUnit(store: Store, f: Omit<FaultyUnit, 'id' | 'status'>): Promise<FaultyUnit> {
  const clash = store.db
    .prepare(
      `SELECT faulty_serial AS faulty, new_serial AS installed, ticket_id AS ticketId FROM faulty_units
       WHERE faulty_serial IN (?, ?) OR new_serial IN (?, ?) LIMIT 1`,
    )
    .get(f.faultySerial, f.newSerial, f.faultySerial, f.newSerial) as
    | { faulty: string; installed: string; ticketId: number }
    | undefined;
  if (clash) {
    throw new RefusedError(
      `Serial already on record (ticket ${clash.ticketId}: faulty ${clash.faulty}, installed ${clash.installed}). Check the serial numbers.`,
    );
  }
  return store.db
    .prepare(
      `INSERT INTO faulty_units (ticket_id, dispatch_id, sku, depot, faulty_serial, new_serial, replaced_at, replaced_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING id, ticket_id AS ticketId, dispatch_id AS dispatchId, sku, depot, faulty_serial AS faultySerial,
                 new_serial AS newSerial, status, replaced_at AS replacedAt, replaced_by AS replacedBy`,
    )
    .get(
      f.ticketId,
      f.dispatchId,
      f.sku,
      f.depot,
      f.faultySerial,
      f.newSerial,
      f.replacedAt,
      f.replacedBy,
    ) as FaultyUnit;
}

export async function faultyUnits(store: Store, all = false): Promise<FaultyUnit[]> {
  return store.db
    .prepare(
      `SELECT id, ticket_id AS ticketId, dispatch_id AS dispatchId, sku, depot, faulty_serial AS faultySerial,
              new_serial AS newSerial, status, replaced_at AS replacedAt, replaced_by AS replacedBy
       FROM faulty_units ${all ? '' : "WHERE status = 'awaiting-return'"} ORDER BY id`,
    )
    .all() as FaultyUnit[];
}

/** The faulty unit went back to the vendor or the repair shop. */
export async function markReturned(store: Store, serial: string): Promise<FaultyUnit> {
  const unit = store.db
    .prepare(
      `UPDATE faulty_units SET status = 'returned' WHERE faulty_serial = ?
       RETURNING id, ticket_id AS ticketId, dispatch_id AS dispatchId, sku, depot, faulty_serial AS faultySerial,
                 new_serial AS newSerial, status, replaced_at AS replacedAt, replaced_by AS replacedBy`,
    )
    .get(serial.trim()) as FaultyUnit | undefined;
  if (!unit) throw new NotFoundError(`No faulty unit with serial "${serial}". See hd spares faulty.`);
  return unit;
}
