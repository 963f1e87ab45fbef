// hd search: tickets by the words of their summary, description and timeline.

import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { UsageError } from '../errors.ts';
import { inLanguage, t } from '../i18n.ts';
import { engineQueries } from '../store/engine.ts';
import { MARK_END, MARK_START, ticketsByIds } from '../store/tickets.ts';
import { eventKindWord } from '../ui/event-text.ts';
import { colours, printJson, writeNote, writeText } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { emptyDatabaseNote, positiveInt } from './common.ts';
import { unit } from './unit.ts';

export interface SearchOptions {
  /** The words, joined: every one must match. */
  text: string;
  limit: number;
  json: boolean;
}

export const search = unit<SearchOptions>({
  declare: (parent) =>
    parent
      .command('search')
      .description(t('search.describe'))
      .argument('<text...>', t('search.arg.text'))
      .option('--limit <n>', t('search.opt.limit'))
      .option('--json', t('search.opt.json'))
      .addHelpText(
        'after',
        `${examples('hd search ping loss', 'hd search "Zhukova" --json')}\n${t('search.help')}\n`,
      ),
  options: (input) => {
    const text = input.words(0).join(' ').trim();
    if (!text) throw new UsageError(t('search.err.empty'));
    return { text, limit: positiveInt(input.text('limit'), '--limit', 20), json: input.flag('json') };
  },
  run: runSearch,
});

/** Where a word was found, for people: summary, description, or the timeline entry's kind. */
const source = (s: string) =>
  s === 'summary' || s === 'description' ? t(`search.source.${s}`) : eventKindWord(s);

export async function runSearch(opts: SearchOptions, ctx: Context): Promise<void> {
  const { text, limit } = opts;
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
  if (opts.json) {
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
    writeNote(ctx.io, `${t('search.none', { text: sanitizeLine(text) })}\n`);
    return;
  }
  const c = colours(ctx.io);
  const mark = (s: string) =>
    sanitizeLine(s).replace(new RegExp(`${MARK_START}(.*?)${MARK_END}`, 'g'), (_m, word: string) =>
      ctx.io.color ? c.bold.yellow(word) : `[${word}]`,
    );
  for (const { hit, ticket, client } of results) {
    const hitText = () =>
      `${c.bold(formatTicketNumber(ticket.id))}  ${ticket.priority}  ${statusWords(ticket.status)}  ${sanitizeLine(client.name)}: ${sanitizeLine(ticket.summary)}\n` +
      `    ${c.dim(`${source(hit.source)}:`)} ${mark(hit.snippet)}\n`;
    // Piped: English whatever the interface language, like every piped list.
    writeText(ctx.io, ctx.io.isTerminal ? hitText() : inLanguage('en', hitText));
  }
}
