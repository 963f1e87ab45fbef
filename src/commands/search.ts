import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { UsageError } from '../errors.ts';
import { engineQueries } from '../store/engine.ts';
import { MARK_END, MARK_START, ticketsByIds } from '../store/tickets.ts';
import { colours, printJson, writeText } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { bool, emptyDatabaseNote, type Opts, positiveInt, str } from './common.ts';

export async function runSearch(args: string[], opts: Opts, ctx: Context): Promise<void> {
  const text = args.join(' ').trim();
  if (!text) throw new UsageError('Give the words to search for, e.g. hd search ping loss.');
  const limit = positiveInt(str(opts, 'limit'), '--limit', 20);
  const store = await ctx.store();
  const hits = await engineQueries(store).searchTickets(store, text, limit);
  const found = await ticketsByIds(
    store,
    hits.map((h) => h.ticketId),
  );
  const results = hits.flatMap((hit) => {
    const ticket = found.get(hit.ticketId);
    return ticket ? [{ hit, ticket, client: { name: ticket.clientName } }] : [];
  });
  if (bool(opts, 'json')) {
    printJson(
      ctx.io,
      results.map(({ hit, ticket, client }) => ({
        number: formatTicketNumber(ticket.id),
        status: ticket.status,
        priority: ticket.priority,
        client: client.name,
        summary: ticket.summary,
        matchedIn: hit.source,
        snippet: hit.snippet.replaceAll(MARK_START, '').replaceAll(MARK_END, ''),
      })),
    );
    return;
  }
  if (results.length === 0) {
    const note = await emptyDatabaseNote(ctx, store);
    if (note) return void ctx.io.stderr.write(note);
    ctx.io.stderr.write(`Nothing matches "${sanitizeLine(text)}".\n`);
    return;
  }
  const c = colours(ctx.io);
  const mark = (s: string) =>
    sanitizeLine(s).replace(new RegExp(`${MARK_START}(.*?)${MARK_END}`, 'g'), (_m, word: string) =>
      ctx.io.color ? c.bold.yellow(word) : `[${word}]`,
    );
  for (const { hit, ticket, client } of results) {
    writeText(
      ctx.io,
      `${c.bold(formatTicketNumber(ticket.id))}  ${ticket.priority}  ${statusWords(ticket.status)}  ${sanitizeLine(client.name)}: ${sanitizeLine(ticket.summary)}\n` +
        `    ${c.dim(`${hit.source}:`)} ${mark(hit.snippet)}\n`,
    );
  }
}
