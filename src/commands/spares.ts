// hd spares: the reserve stock of spare equipment kept for emergencies, per depot.
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { NotFoundError, RefusedError, UsageError } from '../errors.ts';
import { type FaultyUnit, faultyUnits } from '../store/field.ts';
import {
  createSpare,
  findSpare,
  listSpares,
  type Movement,
  move,
  movements,
  type Spare,
  setMinimum,
} from '../store/spares.ts';
import { colours, printJson, printTable } from '../ui/output.ts';
import { sanitizeLine } from '../ui/text.ts';
import { formatTime, iso } from '../ui/time.ts';
import { bool, type Opts, refuseMissing, requireText, str } from './common.ts';
import { ask, gather, textFlag } from './mutate.ts';

function quantity(text: string | undefined, signed: boolean): number {
  const n = Number(text);
  if (text === undefined || !/^[+-]?\d+$/.test(text.trim()) || n === 0 || (!signed && n < 0)) {
    throw new UsageError(
      signed
        ? `--qty takes a whole number like +3 or -2, not "${text ?? ''}".`
        : `--qty takes a whole number above 0, not "${text ?? ''}".`,
    );
  }
  return n;
}

const spareJson = (s: Spare) => ({ ...s, low: s.available < s.minimum });

export async function runSparesList(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const spares = await listSpares(store, { depot: str(opts, 'depot'), low: bool(opts, 'low') });
  if (bool(opts, 'json')) {
    printJson(ctx.io, spares.map(spareJson));
    return;
  }
  if (spares.length === 0) {
    ctx.io.stderr.write(bool(opts, 'low') ? 'No spare is below its minimum.\n' : 'No spares match.\n');
    return;
  }
  const c = colours(ctx.io);
  await printTable(
    ctx.io,
    [
      { header: 'SKU', value: (s: Spare) => s.sku },
      { header: 'Depot', value: (s: Spare) => s.depot },
      { header: 'Description', value: (s: Spare) => s.description, flexible: true },
      { header: 'Stock', value: (s: Spare) => String(s.stock) },
      { header: 'Reserved', value: (s: Spare) => String(s.reserved) },
      { header: 'Available', value: (s: Spare) => String(s.available) },
      { header: 'Min', value: (s: Spare) => String(s.minimum) },
      {
        header: '',
        value: (s: Spare) => (s.available < s.minimum ? 'LOW' : ''),
        colour: (x) => c.red.bold(x),
      },
    ],
    spares,
  );
}

export async function runSparesReceive(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const sku = requireText(args[0], 'The SKU', 'SKU', 100).toUpperCase();
  refuseMissing(['qty', 'depot'].filter((f) => !str(opts, f)).map((f) => `--${f}`));
  const qty = quantity(str(opts, 'qty'), false);
  const depot = requireText(str(opts, 'depot'), 'The depot', '--depot', 100);
  const store = await ctx.store();
  const now = ctx.now().getTime();
  const minimum = str(opts, 'minimum') === undefined ? undefined : Number(str(opts, 'minimum'));
  if (minimum !== undefined && (!Number.isInteger(minimum) || minimum < 0))
    throw new UsageError('--minimum takes a whole number, 0 or more.');
  const after = await store.tx(async (q) => {
    let spare = await findSpare(q, sku, depot);
    if (!spare) {
      const known = (await listSpares(q, { sku }))[0];
      const description = str(opts, 'description') ?? known?.description;
      if (!description) {
        throw new UsageError(
          `${sku} is a new part: describe it with --description "…" (and optionally --minimum N).`,
        );
      }
      spare = await createSpare(q, { sku, depot, description, minimum: minimum ?? known?.minimum ?? 0 });
    } else if (minimum !== undefined) {
      await setMinimum(q, spare.id, minimum);
    }
    return move(q, spare, 'receive', qty, 0, {
      at: now,
      actor: ctx.operator,
      reason: textFlag(opts, 'note') ?? 'received',
    });
  });
  if (bool(opts, 'json')) printJson(ctx.io, spareJson((await findSpare(store, sku, depot))!));
  else
    ctx.io.stdout.write(
      `${sku} at ${after.depot}: +${qty}, now ${after.stock} in stock, ${after.available} available.\n`,
    );
}

export async function runSparesAdjust(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const sku = requireText(args[0], 'The SKU', 'SKU', 100).toUpperCase();
  refuseMissing(str(opts, 'qty') ? [] : ['--qty ±N']);
  const qty = quantity(str(opts, 'qty'), true);
  const [reason] = await gather(ctx, [
    {
      flag: '--reason TEXT',
      value: textFlag(opts, 'reason'),
      ask: ask('Why (stock count, damaged, moved …)?'),
    },
  ]);
  const store = await ctx.store();
  const lines = await listSpares(store, { sku });
  if (lines.length === 0) throw new NotFoundError(`Unknown spare part "${sku}". See hd spares list.`);
  const depot = str(opts, 'depot') ?? (lines.length === 1 ? lines[0]!.depot : undefined);
  if (!depot)
    throw new UsageError(
      `${sku} is kept in ${lines.map((s) => s.depot).join(', ')}: say which with --depot.`,
    );
  const spare = lines.find((s) => s.depot.toLowerCase() === depot.toLowerCase());
  if (!spare)
    throw new NotFoundError(
      `No ${sku} is kept at ${depot}; it is at ${lines.map((s) => s.depot).join(', ')}.`,
    );
  const after = await store.tx(async (q) => {
    if (qty < 0 && (await findSpare(q, sku, spare.depot))!.available < -qty) {
      throw new RefusedError(
        `${sku} at ${spare.depot} has ${spare.available} available (${spare.reserved} reserved for jobs); cannot remove ${-qty}. Nothing was changed.`,
      );
    }
    return move(q, spare, 'adjust', qty, 0, { at: ctx.now().getTime(), actor: ctx.operator, reason });
  });
  if (bool(opts, 'json')) printJson(ctx.io, spareJson({ ...after }));
  else
    ctx.io.stdout.write(
      `${sku} at ${after.depot}: ${qty > 0 ? '+' : ''}${qty} (${sanitizeLine(reason ?? '')}), now ${after.stock} in stock, ${after.available} available.\n`,
    );
}

export async function runSparesHistory(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const sku = requireText(args[0], 'The SKU', 'SKU', 100).toUpperCase();
  const store = await ctx.store();
  const rows = await movements(store, sku);
  if (rows.length === 0 && (await listSpares(store, { sku })).length === 0)
    throw new NotFoundError(`Unknown spare part "${sku}".`);
  if (bool(opts, 'json')) {
    printJson(
      ctx.io,
      rows.map((m) => ({ ...m, at: iso(m.at), ticket: m.ticketId ? formatTicketNumber(m.ticketId) : null })),
    );
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'When', value: (m: Movement) => formatTime(m.at, ctx.timeZone) },
      { header: 'Depot', value: (m: Movement) => m.depot },
      { header: 'Movement', value: (m: Movement) => m.kind },
      { header: 'Qty', value: (m: Movement) => (m.quantity > 0 ? `+${m.quantity}` : String(m.quantity)) },
      { header: 'Stock', value: (m: Movement) => String(m.stockAfter) },
      { header: 'Reserved', value: (m: Movement) => String(m.reservedAfter) },
      { header: 'Ticket', value: (m: Movement) => (m.ticketId ? formatTicketNumber(m.ticketId) : '') },
      { header: 'By', value: (m: Movement) => m.actor },
      { header: 'Reason', value: (m: Movement) => m.reason ?? '', flexible: true },
    ],
    rows,
  );
}

export async function runSparesFaulty(_args: string[], opts: Opts, ctx: Context): Promise<void> {
  const units = await faultyUnits(await ctx.store(), bool(opts, 'all'));
  if (bool(opts, 'json')) {
    printJson(
      ctx.io,
      units.map((u) => ({ ...u, ticket: formatTicketNumber(u.ticketId), replacedAt: iso(u.replacedAt) })),
    );
    return;
  }
  if (units.length === 0) {
    ctx.io.stderr.write('No faulty units awaiting repair or return.\n');
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'SKU', value: (u: FaultyUnit) => u.sku },
      { header: 'Faulty serial', value: (u: FaultyUnit) => u.faultySerial },
      { header: 'Replaced by serial', value: (u: FaultyUnit) => u.newSerial },
      { header: 'Ticket', value: (u: FaultyUnit) => formatTicketNumber(u.ticketId) },
      { header: 'Depot', value: (u: FaultyUnit) => u.depot },
      {
        header: 'Replaced',
        value: (u: FaultyUnit) => `${formatTime(u.replacedAt, ctx.timeZone)} by ${u.replacedBy}`,
      },
      { header: 'Status', value: (u: FaultyUnit) => u.status },
    ],
    units,
  );
}

export async function runSparesReturned(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const serial = requireText(args[0], 'The faulty serial', 'SERIAL', 100);
  const store = await ctx.store();
  const { markReturned } = await import('../store/field.ts');
  const unit = await store.tx((q) => markReturned(q, serial));
  if (bool(opts, 'json'))
    printJson(ctx.io, {
      ...unit,
      ticket: formatTicketNumber(unit.ticketId),
      replacedAt: iso(unit.replacedAt),
    });
  else
    ctx.io.stdout.write(
      `${sanitizeLine(`${unit.sku} ${unit.faultySerial} (${formatTicketNumber(unit.ticketId)}) marked returned.`)}\n`,
    );
}
