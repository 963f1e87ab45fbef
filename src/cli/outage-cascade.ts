// hd outage eta | extend | notify | log | pending | resume | resolve: one update for every ticket
// linked to an outage (issue 14). Added to the `outage` group, which is created here when no other
// part of the wiring made it first (hd outage open, list, show, attach, detach live beside these).
import type { Command } from 'commander';
import { type Action, commands, examples, type Mount } from './shared.ts';

const NOTIFY_FLAGS = (c: Command) =>
  c
    .option('--no-notify', 'do not notify the clients (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the clients are not notified');

const AFTER = `
Each linked ticket still being worked gets its own event and its own notice, in its client's
language and through its contact's preferred channel: e-mail is queued in the outbox (hd outbox
send delivers it); clients who prefer the phone are printed as a call list (record each call with
hd log TICKET call --outcome …). Each ticket keeps its own deadlines under its own contract. One
transaction: a refusal on any ticket changes nothing.
`;

export function outageGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'outage') ??
    program.command('outage').description('mass outages: one network fault, many clients')
  );
}

export function defineOutageCascadeCommands(program: Command, action: Action, _mount: Mount): void {
  const outage = outageGroup(program);

  NOTIFY_FLAGS(
    outage
      .command('eta')
      .description('set the outage ETA and tell every linked client')
      .argument('<outage>', 'OUT-000012 or 12')
      .argument('[when...]', '18:30, "tomorrow 10:00", +3h, or ISO'),
  )
    .option('--json', 'print the outage, its tickets and the call list as JSON')
    .addHelpText(
      'after',
      `${examples('hd outage eta OUT-000012 +4h')}${AFTER}Every linked ticket without an ETA gets this one (owed to its client until a call reaches them or the e-mail is delivered). A ticket with its own ETA keeps it and is listed as skipped (hd outage extend moves it later). Given again with the same time, the ETA reaches the linked tickets still without one; another time is an extension.\n`,
    )
    .action(action(async () => (await commands()).runOutageEta));

  NOTIFY_FLAGS(
    outage
      .command('extend')
      .description('a later outage ETA, with the reason, told to every linked client')
      .argument('<outage>', 'OUT-000012 or 12')
      .option('--by <duration>', 'extend by 45m, 2h, 1d4h …')
      .option('--to <when>', 'new ETA (21:00, "tomorrow 12:00", ISO)')
      .option('--reason <text>', 'why it takes longer (required)'),
  )
    .option('--json', 'print the outage, its tickets and the call list as JSON')
    .addHelpText(
      'after',
      `${examples('hd outage extend 12 --by 2h --reason "splicing crew delayed by the storm"')}${AFTER}A ticket linked after the ETA was told, with no ETA of its own, gets the new ETA; a ticket whose own ETA is already as late keeps it and is listed as skipped.\n`,
    )
    .action(action(async () => (await commands()).runOutageExtend));

  outage
    .command('notify')
    .description('send every linked client a notice: update (status) or eta')
    .argument('<outage>', 'OUT-000012 or 12')
    .argument('<kind>', 'update | eta')
    .option('--json', 'print the outage, its tickets and the call list as JSON')
    .addHelpText('after', examples('hd outage notify OUT-000012 update') + AFTER)
    .action(action(async () => (await commands()).runOutageNotify));

  outage
    .command('log')
    .description('log a test, an action or a note on the outage and every linked ticket')
    .argument('<outage>', 'OUT-000012 or 12')
    .argument('<kind>', 'test | action | note')
    .argument('[text...]', 'what was done ("-" reads stdin)')
    .option('--result <result>', 'test outcome: pass | fail | info')
    .option('--minutes <n>', 'time spent')
    .option('--json', 'print the outage and its tickets as JSON')
    .addHelpText('after', examples('hd outage log 12 action "splicing crew on site at the MNS-04 manhole"'))
    .action(action(async () => (await commands()).runOutageLog));

  outage
    .command('pending')
    .description('every linked ticket in progress waits (its SLA clock pauses)')
    .argument('<outage>', 'OUT-000012 or 12')
    .option('--reason <text>', 'what we are waiting for')
    .option('--until <when>', 'expected end of the wait')
    .option('--json', 'print the outage and its tickets as JSON')
    .addHelpText(
      'after',
      `${examples('hd outage pending 12 --reason "power company restoring the PoP feed" --until +3h')}Tickets not taken yet are left alone (take them first).\n`,
    )
    .action(action(async () => (await commands()).runOutagePending));

  outage
    .command('resume')
    .description('every linked pending ticket back in progress')
    .argument('<outage>', 'OUT-000012 or 12')
    .option('--note <text>', 'what changed')
    .option('--json', 'print the outage and its tickets as JSON')
    .addHelpText('after', examples('hd outage resume 12 --note "feed restored"'))
    .action(action(async () => (await commands()).runOutageResume));

  NOTIFY_FLAGS(
    outage
      .command('resolve')
      .description(
        'service restored: resolve the outage and every linked open ticket, ask each client to confirm',
      )
      .argument('<outage>', 'OUT-000012 or 12')
      .option('--summary <text>', 'what restored the service (copied into each ticket)')
      .option('--zone <zone>', 'the fault zone (default: each ticket’s own, else the outage’s)')
      .option('--restored-at <when>', 'when the service came back (default: now)')
      .option('--take', 'take the linked tickets not taken yet as they are resolved'),
  )
    .option('--json', 'print the outage, its tickets and the call list as JSON')
    .addHelpText(
      'after',
      `${examples('hd outage resolve OUT-000012 --summary "fibre spliced at MNS-04" --zone operator-network')}${AFTER}Tickets already resolved, closed or cancelled, and tickets detached before, are left alone.
Closing stays per ticket: hd close TICKET --confirmed-by NAME once each client confirms.
`,
    )
    .action(action(async () => (await commands()).runOutageResolve));
}
