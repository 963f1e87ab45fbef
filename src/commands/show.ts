// hd show: one ticket, everything a person needs to act on it.

import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { t } from '../i18n.ts';
import { printJson, writeText } from '../ui/output.ts';
import { renderTicket, ticketJson } from '../ui/ticket.ts';
import { emptyDatabaseNote, ticketId } from './common.ts';
import { loadDetails } from './details.ts';
import { unit } from './unit.ts';

export interface ShowOptions {
  ticket: number;
  json: boolean;
}

export const show = unit<ShowOptions>({
  declare: (parent) =>
    parent
      .command('show')
      .description(t('show.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd show HD-000123', 'hd show 123 --json')),
  options: (input) => ({ ticket: ticketId(input.arg(0)), json: input.flag('json') }),
  run: runShow,
});

export async function runShow(opts: ShowOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const details = await loadDetails(store, opts.ticket).catch(async (error: unknown) => {
    const note = error instanceof NotFoundError ? await emptyDatabaseNote(ctx, store) : '';
    throw note ? new NotFoundError(`${(error as Error).message.split('. ')[0]}. ${note.trim()}`) : error;
  });
  if (opts.json) printJson(ctx.io, ticketJson(details, ctx.now().getTime()));
  else writeText(ctx.io, renderTicket(ctx, details));
}
