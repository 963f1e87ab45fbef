// hd notify: telling the client by e-mail (through the outbox) or by phone (a call script and
// the call's outcome), in the client's language; the operator's words in the interface language.
import { examples } from '../cli/help.ts';
import type { Context } from '../context.ts';
import { normalizeEmail } from '../domain/contact.ts';
import { assertWritable } from '../domain/lifecycle.ts';
import { tellsClient } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import type { CallOutcome } from '../domain/types.ts';
import { HdError, RefusedError, UsageError } from '../errors.ts';
import { t } from '../i18n.ts';
import {
  CLIENT_NOTICES,
  deliverQueued,
  deliverySummary,
  extraFromTimeline,
  type NoticeKind,
  notifyInTx,
  renderCallScript,
  renderNotice,
  type Via,
} from '../notify.ts';
import { getMessage } from '../store/outbox.ts';
import { colours, printJson, writeText } from '../ui/output.ts';
import { sanitize, sanitizeLine } from '../ui/text.ts';
import { ticketId } from './common.ts';
import { loadDetails } from './details.ts';
import { viaOf } from './eta.ts';
import { mutateTicket } from './mutate.ts';
import {
  askOutcome,
  OUTCOME_FLAG,
  oneOfFlag,
  outcomeOf,
  outcomeWords,
  quoted,
  showScript,
  tell,
} from './notice.ts';
import { messageJson } from './outbox/show.ts';
import { unit } from './unit.ts';

export interface NotifyOptions {
  ticket: number;
  kind: NoticeKind;
  via?: Via;
  /** --to, a checked e-mail address. */
  to?: string;
  outcome?: CallOutcome;
  dryRun: boolean;
  json: boolean;
}

export const notify = unit<NotifyOptions>({
  declare: (parent) =>
    parent
      .command('notify')
      .description(t('notify.describe'))
      .argument('<ticket>', t('arg.ticket'))
      .argument('[kind]', 'opened | update | eta | extended | restored | closed')
      .option('--via <channel>', t('notify.opt.via'))
      .option('--to <address>', t('notify.opt.to'))
      .option('--outcome <outcome>', t('notify.opt.outcome'))
      .option('--dry-run', t('notify.opt.dryRun'))
      .option('--json', t('opt.json'))
      .addHelpText(
        'after',
        () =>
          examples(
            'hd notify 123 update --via email',
            'hd notify 123 update --via phone --outcome no-answer',
            'hd notify 123 restored --dry-run',
          ) + `\n${t('notify.help.more')}\n`,
      ),
  options: (input) => {
    const ticket = ticketId(input.arg(0));
    const kindGiven = input.arg(1);
    if (kindGiven === undefined)
      throw new UsageError(
        t('notify.err.missingKind', { ticket: input.arg(0) ?? '<ticket>', kinds: CLIENT_NOTICES.join('|') }),
      );
    const kind = oneOfFlag(kindGiven, CLIENT_NOTICES, 'notify.what.kind', 'hd notify <ticket>');
    const to = input.text('to');
    const outcome = outcomeOf(input.text('outcome'));
    return {
      ticket,
      kind,
      ...viaOf(input.text('via')),
      ...(to === undefined ? {} : { to: normalizeEmail(to) }),
      ...(outcome === undefined ? {} : { outcome }),
      dryRun: input.flag('dryRun'),
      json: input.flag('json'),
    };
  },
  run: runNotify,
});

export async function runNotify(opts: NotifyOptions, ctx: Context): Promise<void> {
  const { kind, to } = opts;
  const store = await ctx.store();
  const details = await loadDetails(store, opts.ticket);
  const ticket = details.ticket;
  if (!(kind === 'closed' && ticket.status === 'closed')) assertWritable(ticket.id, ticket.status);
  const via: Via = opts.via ?? details.contact.preferredChannel;
  if (to && via === 'phone') throw new UsageError(t('notify.err.toByPhone'));
  let outcome = opts.outcome;
  if (outcome && via === 'email') throw new UsageError(t('notify.err.outcomeByEmail'));
  const extra = extraFromTimeline(kind, ticket, details.events);
  const rendered = renderNotice(details, kind, extra);
  const script = renderCallScript(details, kind, extra, ctx.now().getTime());
  const out = ctx.io.stdout;
  const c = colours(ctx.io);
  const email = via !== 'phone';
  const phone = via !== 'email';
  if (email && !to && !details.contact.email)
    throw new RefusedError(t('notify.err.noEmail', { contact: details.contact.name }));
  // Without a person to say how the call went, refuse before showing or recording anything.
  if (phone && !outcome && !opts.dryRun && !ctx.io.isInteractive)
    throw new UsageError(t('notify.err.missingOutcome', { flag: OUTCOME_FLAG, why: t('open.notPrompting') }));
  if (opts.dryRun || !opts.json) {
    if (email)
      writeText(
        ctx.io,
        `${c.bold(t('notify.emailTo', { to: to ?? details.contact.email ?? '' }))}\n${t('notify.subject', { subject: sanitizeLine(rendered.subject) })}\n\n${sanitize(rendered.body)}\n`,
      );
    if (phone)
      out.write(
        `${c.bold(t('notify.scriptFor', { contact: sanitizeLine(details.contact.name), phone: details.contact.phone ?? t('notice.noPhone') }))}\n${quoted(ctx, script)}\n`,
      );
  }
  if (opts.dryRun) {
    tell(ctx, t('notify.dryRun'));
    return;
  }
  if (phone && !outcome) {
    // With --json the script is not on stdout: the operator still sees it before answering.
    if (opts.json)
      showScript(ctx, {
        ticketId: ticket.id,
        contact: details.contact.name,
        phone: details.contact.phone,
        body: script,
      });
    outcome = (await askOutcome(t('notify.ask.outcome'), ctx)(await ctx.prompter())) as CallOutcome;
  }
  const m = await mutateTicket(
    ctx,
    String(ticket.id),
    () => ({ events: [] }),
    async (current, { now, q }) =>
      notifyInTx(ctx, q, await loadDetails(q, current.id, current), {
        kind,
        via,
        to,
        outcome,
        extra,
        key: `${current.id}:${kind}:manual:${now}`,
        at: now,
      }),
  );
  const queued = m.notice?.queued ?? [];
  const report = await deliverQueued(
    ctx,
    store,
    queued.map((q) => q.id),
  );
  if (opts.json) {
    printJson(ctx.io, {
      ticket: formatTicketNumber(ticket.id),
      kind,
      via,
      outcome: outcome ?? null,
      messages: await Promise.all(queued.map(async (q) => messageJson(await getMessage(store, q.id)))),
    });
  }
  for (const line of deliverySummary(report, queued.length)) tell(ctx, line);
  if (phone && outcome)
    tell(
      ctx,
      t(tellsClient(outcome) ? 'notify.callTells' : 'notify.callAttempt', { outcome: outcomeWords(outcome) }),
    );
  if (report.failed.length || report.retrying.length || report.uncertain.length)
    throw new HdError(t(report.uncertain.length ? 'notify.err.unconfirmed' : 'notify.err.undelivered'), 1);
}
