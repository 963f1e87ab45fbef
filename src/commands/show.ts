import type { Context } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { printJson, writeText } from '../ui/output.ts';
import { renderTicket, ticketJson } from '../ui/ticket.ts';
import { bool, emptyDatabaseNote, type Opts, ticketId } from './common.ts';
import { loadDetails } from './details.ts';

export async function runShow(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = ticketId(args[0]);
  const store = await ctx.store();
  const details = await loadDetails(store, id).catch(async (error: unknown) => {
    const note = error instanceof NotFoundError ? await emptyDatabaseNote(ctx, store) : '';
    throw note ? new NotFoundError(`${(error as Error).message.split('. ')[0]}. ${note.trim()}`) : error;
  });
  if (bool(opts, 'json')) printJson(ctx.io, ticketJson(details, ctx.now().getTime()));
  else writeText(ctx.io, renderTicket(ctx, details));
}
