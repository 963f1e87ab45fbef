import type { Context } from '../context.ts';
import { printJson } from '../ui/output.ts';
import { renderTicket, ticketJson } from '../ui/ticket.ts';
import { bool, type Opts, ticketId } from './common.ts';
import { loadDetails } from './details.ts';

export async function runShow(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const id = ticketId(args[0]);
  const store = await ctx.store();
  const details = await loadDetails(store, id);
  if (bool(opts, 'json')) printJson(ctx.io, ticketJson(details, ctx.now().getTime()));
  else ctx.io.stdout.write(renderTicket(ctx, details));
}
