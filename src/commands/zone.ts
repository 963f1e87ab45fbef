// hd zone: the fault zone found by testing (step 8), set or refined.
import { changeTicketSteps } from '../app/change.ts';
import { zoneStep } from '../app/log.ts';
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { UsageError } from '../errors.ts';
import { language, t } from '../i18n.ts';
import { listZones } from '../store/reference.ts';
import { ticketId } from './common.ts';
import { checkZone } from './log.ts';

import { confirmChange, textOf } from './notice.ts';
import { unit } from './unit.ts';

export interface ZoneOptions {
  ticket: number;
  /** A zone code, checked against the zones table when run; undefined lists the zones. */
  zone?: string;
  note?: string;
  json: boolean;
}

export const zone = unit<ZoneOptions>({
  declare: (parent) =>
    parent
      .command('zone')
      .description(t('zone.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .argument('[zone]', 'cpe | client-config | last-mile | operator-network | upstream | nff')
      .option('--note <text>', t('zone.opt.note'))
      .option('--json', t('zone.opt.json'))
      .addHelpText('after', () => examples(`hd zone 123 last-mile --note "${t('zone.ex.note')}"`)),
  options: (input) => {
    const zoneGiven = input.arg(1);
    const note = textOf(input, 'note');
    return {
      ticket: ticketId(input.arg(0)),
      ...(zoneGiven === undefined ? {} : { zone: zoneGiven }),
      ...(note === undefined ? {} : { note }),
      json: input.flag('json'),
    };
  },
  run: runZone,
});

export async function runZone(opts: ZoneOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  if (opts.zone === undefined) {
    const zones = await listZones(store);
    const named = zones.map((z) => `${z.code} (${language() === 'ru' ? z.nameRu : z.name})`);
    throw new UsageError(t('zone.err.missing', { zones: named.join(', ') }));
  }
  const code = await checkZone(store, opts.zone, 'hd zone <ticket>');
  const m = await changeTicketSteps(ctx, opts.ticket, [zoneStep(code, opts.note)]);
  await confirmChange(ctx, opts.json, m, t('zone.done', { n: formatTicketNumber(m.ticket.id), zone: code }));
}
