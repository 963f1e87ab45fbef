// Engineers, dispatches (field jobs) with their reserved spares, and faulty units.
import { foldKey, namesMatch } from '../domain/fold.ts';
import { NotFoundError, RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import { contains, type Queryable, type Sql, sql, UniqueViolation } from './port.ts';
import { limitSql } from './tickets.ts';

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
export async function addEngineer(q: Queryable, e: Omit<Engineer, 'id'>, now: number): Promise<Engineer> {
  const key = foldKey(e.name);
  let row: Row | undefined;
  try {
    row = await q.get<Row>(
      sql`INSERT INTO engineers (name, phone, email, depot, region, skills, on_duty, created_at, name_key)
         SELECT ${e.name}, ${e.phone}, ${e.email}, ${e.depot}, ${e.region}, ${JSON.stringify(e.skills)},
                ${e.onDuty ? 1 : 0}, ${now}, ${key}
         WHERE NOT EXISTS (SELECT 1 FROM engineers WHERE name_key = ${key})
         RETURNING *`,
    );
  } catch (error) {
    if (!(error instanceof UniqueViolation)) throw error;
  }
  if (row) return toEngineer(row);
  const existing =
    (await q.get<{ name: string }>(sql`SELECT name FROM engineers WHERE name_key = ${key}`))?.name ?? e.name;
  throw new RefusedError(t('engineer.err.exists', { name: existing }));
}

export async function updateEngineer(
  q: Queryable,
  id: number,
  e: Partial<Omit<Engineer, 'id' | 'name'>>,
): Promise<Engineer> {
  const sets: Sql[] = [];
  const put = (column: string, value: unknown) => {
    sets.push(sql`${sql.raw(column)} = ${value}`);
  };
  if (e.phone !== undefined) put('phone', e.phone);
  if (e.email !== undefined) put('email', e.email);
  if (e.depot !== undefined) put('depot', e.depot);
  if (e.region !== undefined) put('region', e.region);
  if (e.skills !== undefined) put('skills', JSON.stringify(e.skills));
  if (e.onDuty !== undefined) put('on_duty', e.onDuty ? 1 : 0);
  const row = (await q.get<Row>(
    sql`UPDATE engineers SET ${sql.join(sets)} WHERE id = ${id} RETURNING *`,
  )) as Row;
  return toEngineer(row);
}

/**
 * One engineer from what was typed, whatever its case and accents: the full name, or whole words
 * of it that only one engineer's name holds ("иванов" for "Иванов Сергей", not for "Иванова Анна").
 */
export async function getEngineer(q: Queryable, name: string): Promise<Engineer> {
  const key = foldKey(name);
  let rows = key
    ? await q.all<Row>(sql`SELECT * FROM engineers WHERE name_key = ${key} ORDER BY name_key, id`)
    : [];
  if (rows.length === 0 && key)
    rows = (
      await q.all<Row>(
        sql`SELECT * FROM engineers WHERE ${contains(q, 'name_key', key)} ORDER BY name_key, id`,
      )
    ).filter((r) => namesMatch(name, r.name as string));
  if (rows.length === 1) return toEngineer(rows[0]!);
  if (rows.length > 1) {
    throw new RefusedError(
      t('engineer.err.ambiguous', {
        name: name.trim(),
        count: rows.length,
        names: rows.map((r) => r.name as string).join(', '),
      }),
    );
  }
  const names = (await q.all<{ name: string }>(sql`SELECT name FROM engineers ORDER BY name_key, id`)).map(
    (r) => r.name,
  );
  throw new NotFoundError(
    t('engineer.err.unknown', { name, names: names.join(', ') || t('engineer.err.noneYet') }),
  );
}

/** Whether an engineer has exactly this name. */
export async function hasEngineer(q: Queryable, name: string): Promise<boolean> {
  return (await q.get(sql`SELECT 1 AS one FROM engineers WHERE name = ${name}`)) !== undefined;
}

export async function listEngineers(q: Queryable): Promise<Engineer[]> {
  return (await q.all<Row>(sql`SELECT * FROM engineers ORDER BY name_key, id`)).map(toEngineer);
}

const DISPATCH_SELECT = sql.raw(
  'SELECT d.*, e.name AS engineer_name FROM dispatches d JOIN engineers e ON e.id = d.engineer_id',
);

async function toDispatch(q: Queryable, r: Row): Promise<Dispatch> {
  const spares = await q.all<Dispatch['spares'][number]>(
    sql`SELECT ds.spare_id AS "spareId", s.sku, s.depot, ds.reserved, ds.used, ds.released
       FROM dispatch_spares ds JOIN spares s ON s.id = ds.spare_id WHERE ds.dispatch_id = ${r.id} ORDER BY s.sku`,
  );
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
  q: Queryable,
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
  const row = await q.get<{ id: number }>(
    sql`INSERT INTO dispatches (ticket_id, engineer_id, status, onsite_due, note, override_reason, created_at, created_by)
       VALUES (${d.ticketId}, ${d.engineerId}, 'assigned', ${d.onsiteDue}, ${d.note}, ${d.overrideReason}, ${d.at}, ${d.by})
       RETURNING id`,
  );
  return row!.id;
}

export async function reserveForDispatch(
  q: Queryable,
  dispatchId: number,
  spareId: number,
  quantity: number,
): Promise<void> {
  await q.run(
    sql`INSERT INTO dispatch_spares (dispatch_id, spare_id, reserved) VALUES (${dispatchId}, ${spareId}, ${quantity})
       ON CONFLICT (dispatch_id, spare_id) DO UPDATE SET reserved = dispatch_spares.reserved + excluded.reserved`,
  );
}

export async function recordSpareUse(
  q: Queryable,
  dispatchId: number,
  spareId: number,
  used: number,
  released: number,
): Promise<void> {
  await q.run(
    sql`UPDATE dispatch_spares SET used = used + ${used}, released = released + ${released}
        WHERE dispatch_id = ${dispatchId} AND spare_id = ${spareId}`,
  );
}

export async function setDispatchStatus(
  q: Queryable,
  id: number,
  status: JobStatus,
  at: number,
  note: string | null,
): Promise<void> {
  const column = status === 'en-route' ? 'en_route_at' : status === 'on-site' ? 'on_site_at' : 'finished_at';
  await q.run(
    sql`UPDATE dispatches SET status = ${status}, ${sql.raw(column)} = ${at}, note = COALESCE(${note}, note) WHERE id = ${id}`,
  );
}

export async function getDispatch(q: Queryable, id: number): Promise<Dispatch> {
  const row = await q.get<Row>(sql`${DISPATCH_SELECT} WHERE d.id = ${id}`);
  if (!row) throw new NotFoundError(t('dispatch.err.noJob', { job: `J-${String(id).padStart(6, '0')}` }));
  return toDispatch(q, row);
}

export async function dispatchesOf(q: Queryable, ticketId: number): Promise<Dispatch[]> {
  return dispatches(
    q,
    await q.all<Row>(sql`${DISPATCH_SELECT} WHERE d.ticket_id = ${ticketId} ORDER BY d.id`),
  );
}

export async function listDispatches(
  q: Queryable,
  f: { engineerId?: number; open?: boolean; limit: number },
): Promise<Dispatch[]> {
  const where: Sql[] = [];
  if (f.open) where.push(sql.raw(`d.${OPEN_JOB}`));
  if (f.engineerId !== undefined) where.push(sql`d.engineer_id = ${f.engineerId}`);
  const rows = await q.all<Row>(
    sql`${DISPATCH_SELECT} ${where.length ? sql`WHERE ${sql.join(where, ' AND ')}` : sql``} ORDER BY d.id DESC ${limitSql(f.limit)}`,
  );
  return dispatches(q, rows);
}

/** Open jobs per engineer, for `hd engineer list` and the earlier-job warning. */
export async function openJobs(q: Queryable, engineerId: number): Promise<Dispatch[]> {
  const rows = await q.all<Row>(
    sql`${DISPATCH_SELECT} WHERE d.engineer_id = ${engineerId} AND d.${sql.raw(OPEN_JOB)} ORDER BY d.onsite_due`,
  );
  return dispatches(q, rows);
}

const FAULTY_COLUMNS = sql.raw(
  `id, ticket_id AS "ticketId", dispatch_id AS "dispatchId", sku, depot, faulty_serial AS "faultySerial",
   new_serial AS "newSerial", status, replaced_at AS "replacedAt", replaced_by AS "replacedBy"`,
);

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

export async function addFaultyUnit(q: Queryable, f: Omit<FaultyUnit, 'id' | 'status'>): Promise<FaultyUnit> {
  const serials = sql.list([f.faultySerial, f.newSerial]);
  const clash = await q.get<{ faulty: string; installed: string; ticketId: number }>(
    sql`SELECT faulty_serial AS faulty, new_serial AS installed, ticket_id AS "ticketId" FROM faulty_units
       WHERE faulty_serial IN ${serials} OR new_serial IN ${serials} LIMIT 1`,
  );
  if (clash) {
    throw new RefusedError(
      t('replace.err.serialKnown', {
        ticket: clash.ticketId,
        faulty: clash.faulty,
        installed: clash.installed,
      }),
    );
  }
  return (await q.get<FaultyUnit>(
    sql`INSERT INTO faulty_units (ticket_id, dispatch_id, sku, depot, faulty_serial, new_serial, replaced_at, replaced_by)
       VALUES (${f.ticketId}, ${f.dispatchId}, ${f.sku}, ${f.depot}, ${f.faultySerial}, ${f.newSerial}, ${f.replacedAt}, ${f.replacedBy})
       RETURNING ${FAULTY_COLUMNS}`,
  )) as FaultyUnit;
}

export async function faultyUnits(q: Queryable, all = false): Promise<FaultyUnit[]> {
  return q.all<FaultyUnit>(
    sql`SELECT ${FAULTY_COLUMNS} FROM faulty_units ${sql.raw(all ? '' : "WHERE status = 'awaiting-return'")} ORDER BY id`,
  );
}

/** The faulty unit went back to the vendor or the repair shop. */
export async function markReturned(q: Queryable, serial: string): Promise<FaultyUnit> {
  const unit = await q.get<FaultyUnit>(
    sql`UPDATE faulty_units SET status = 'returned' WHERE faulty_serial = ${serial.trim()} RETURNING ${FAULTY_COLUMNS}`,
  );
  if (!unit) throw new NotFoundError(t('sparesReturned.err.unknown', { serial }));
  return unit;
}

/** Each dispatch row with its spares. */
async function dispatches(q: Queryable, rows: Row[]): Promise<Dispatch[]> {
  const out: Dispatch[] = [];
  for (const r of rows) out.push(await toDispatch(q, r));
  return out;
}
