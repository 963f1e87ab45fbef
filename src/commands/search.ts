// hd search: tickets by the words of their summary, description and timeline.

import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { foldCodeWords } from '../domain/fold.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { TicketEvent } from '../domain/types.ts';
import { UsageError } from '../errors.ts';
import { inLanguage, language, t } from '../i18n.ts';
import { engineQueries } from '../store/engine.ts';
import type { Queryable } from '../store/port.ts';
import {
  eventsWithText,
  MARK_END,
  MARK_START,
  type SearchHit,
  snippetFor,
  ticketsByIds,
} from '../store/tickets.ts';
import { descriptionText, eventKindWord, eventText } from '../ui/event-text.ts';
import { colours, printJson, writeNote, writeText } from '../ui/output.ts';
import { statusWords } from '../ui/status.ts';
import { sanitizeLine } from '../ui/text.ts';
import { timeDisplay } from '../ui/time.ts';
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
  const { limit } = opts;
  // A ticket, outage or job number or a contract typed on a Russian layout is searched in Latin.
  const text = foldCodeWords(opts.text);
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
    writeNote(ctx.io, `${t('search.none', { text: sanitizeLine(opts.text) })}\n`);
    return;
  }
  const readers =
    ctx.io.isTerminal && language() === 'ru' ? await readersSnippets(ctx, store, results, text) : null;
  const c = colours(ctx.io);
  const mark = (s: string) =>
    sanitizeLine(s).replace(new RegExp(`${MARK_START}(.*?)${MARK_END}`, 'g'), (_m, word: string) =>
      ctx.io.color ? c.bold.yellow(word) : `[${word}]`,
    );
  for (const { hit, ticket, client } of results) {
    const found = () => {
      const label = source(hit.source);
      const snippet = readers?.get(hit) ?? hit.snippet;
      // A timeline entry's text may start with its own kind ("Открыта снова: …"): said once.
      const plain = snippet.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
      return plain.toLowerCase().startsWith(`${label.toLowerCase()}:`)
        ? mark(snippet)
        : `${c.dim(`${label}:`)} ${mark(snippet)}`;
    };
    const hitText = () =>
      `${c.bold(formatTicketNumber(ticket.id))}  ${ticket.priority}  ${statusWords(ticket.status)}  ${sanitizeLine(client.name)}: ${sanitizeLine(ticket.summary)}\n` +
      `    ${found()}\n`;
    // Piped: English whatever the interface language, like every piped list.
    writeText(ctx.io, ctx.io.isTerminal ? hitText() : inLanguage('en', hitText));
  }
}

/**
 * The snippets of hits on text hd wrote (an ETA, a notice, a field job's progress, the sentence of
 * a ticket an outage opened), made from the event's facts in the reader's language, as the timeline
 * shows them (src/ui/event-text.ts): the words typed are marked where they occur in that text, and
 * where they do not (an English word of the stored text), the rendered text is shown unmarked.
 * An engineer's own words, and text with no facts to render, keep the stored snippet. One statement.
 */
async function readersSnippets(
  ctx: Context,
  store: Queryable,
  results: readonly { hit: SearchHit }[],
  text: string,
): Promise<Map<SearchHit, string>> {
  const hits = results.map((r) => r.hit).filter((h) => h.source !== 'summary');
  const events = await eventsWithText(
    store,
    [...new Set(hits.map((h) => h.ticketId))],
    [...new Set(hits.filter((h) => h.source !== 'description').map((h) => h.text))],
  );
  const ofTicket = new Map<number, TicketEvent[]>();
  for (const e of events) ofTicket.set(e.ticketId, [...(ofTicket.get(e.ticketId) ?? []), e]);
  const times = timeDisplay(ctx);
  const words = text.split(/\s+/).filter(Boolean);
  const out = new Map<SearchHit, string>();
  for (const hit of hits) {
    const own = ofTicket.get(hit.ticketId) ?? [];
    let rendered: string;
    if (hit.source === 'description') rendered = descriptionText(hit.text, own);
    else {
      // The newest event of that kind with that text: the row search_index was written from.
      const event = own.find((e) => e.kind === hit.source && e.text === hit.text);
      if (!event) continue;
      rendered = eventText(event, times);
    }
    // The rendered text may hold no-break spaces (a time kept on one line): a snippet reads plainly.
    if (rendered !== hit.text) out.set(hit, snippetFor(rendered.replace(/\u00a0/g, ' '), words));
  }
  return out;
}
