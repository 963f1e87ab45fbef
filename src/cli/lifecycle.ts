// Working a ticket: log, zone, take, assign, pending/resume, ETA, resolve, close, reopen, cancel.
import type { Command } from 'commander';
import { log } from '../commands/log.ts';
import { zone } from '../commands/zone.ts';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineLifecycleCommands(program: Command, action: Action, mount: Mount): void {
  mount(program, log);
  mount(program, zone);

  program
    .command('take')
    .description('assign the ticket to me and start work (meets the response target)')
    .argument('<ticket>', 'HD-000123 or 123')
    .option(
      '--over',
      'take over a ticket someone else holds (without it, that is refused, naming the holder)',
    )
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd take 123', 'hd take 123 --over'))
    .action(action(async () => (await commands()).runTake));

  program
    .command('assign')
    .description('assign the ticket to an engineer or a group')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--to <name>', 'engineer or group')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd assign 123 --to "NOC L2"', 'hd assign 123 --to "Ivan Petrov"'))
    .action(action(async () => (await commands()).runAssign));

  program
    .command('pending')
    .description('wait on the client or a third party: the SLA clock pauses')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--reason <text>', 'what we are waiting for')
    .option('--until <when>', 'expected end of the wait (18:30, "tomorrow 09:00", "завтра 9:00", +2h)')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples(
        'hd pending 123 --reason "no access to the site until the guard arrives" --until "tomorrow 09:00"',
      ),
    )
    .action(action(async () => (await commands()).runPending));

  program
    .command('resume')
    .description('end the wait: back in progress, deadlines moved by the paused time')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--note <text>', 'what changed')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd resume 123 --note "site access granted"'))
    .action(action(async () => (await commands()).runResume));

  program
    .command('eta')
    .description('set the estimated time to fix told to the client')
    .argument('<ticket>', 'HD-000123 or 123')
    .argument(
      '[when...]',
      '18:30, "tomorrow 10:00", "завтра 10:00", "25.11.2026 14:00", +3h, "через 2 часа", or ISO',
    )
    .option('--via <phone|email|both>', 'how the client was told (default: their preferred channel)')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option(
      '--outcome <outcome>',
      'how the call went: reached | no-answer | busy | voicemail | wrong-number (asked on a terminal; required without one)',
    )
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples(
        'hd eta 123 18:30 --via phone --outcome reached',
        'hd eta 123 tomorrow 10:00 --via email',
        'hd eta 123 завтра 10:00 --via phone --outcome reached',
        'hd eta 123 +3h --via phone --outcome no-answer   # the ETA stays owed to the client',
      ),
    )
    .action(action(async () => (await commands()).runEta));

  program
    .command('extend')
    .description('tell the client the fix takes longer: a later ETA and the reason')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--by <duration>', 'extend by 45m, 2h, 1d4h, 1,5ч, 90 мин …')
    .option('--to <when>', 'new ETA (21:00, "tomorrow 12:00", "пт 10:00", ISO)')
    .option('--reason <text>', 'why it takes longer (required)')
    .option('--via <phone|email|both>', 'how the client was told (default: their preferred channel)')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option(
      '--outcome <outcome>',
      'how the call went: reached | no-answer | busy | voicemail | wrong-number (asked on a terminal; required without one)',
    )
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples(
        'hd extend 123 --by 2h --reason "spare router arrives from the depot at 20:00" --via phone --outcome reached',
      ),
    )
    .action(action(async () => (await commands()).runExtend));

  program
    .command('resolve')
    .description('service restored: record what fixed it and that the client was informed')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--summary <text>', 'what restored the service')
    .option('--zone <zone>', 'the fault zone (required unless set earlier)')
    .option('--restored-at <when>', 'when the service came back (default: now; 14:20, "сегодня 14:20")')
    .option('--via <phone|email|both>', 'how the client was informed (default: their preferred channel)')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option(
      '--outcome <outcome>',
      'how the call went: reached | no-answer | busy | voicemail | wrong-number (asked on a terminal; required without one)',
    )
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples(
        'hd resolve 123 --summary "replaced the CPE power adapter" --zone cpe --via both --outcome busy',
      ),
    )
    .action(action(async () => (await commands()).runResolve));

  program
    .command('close')
    .description('close a resolved ticket once the client confirms the problem is gone')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--confirmed-by <name>', 'who at the client confirmed')
    .option('--via <phone|email>', 'how they confirmed')
    .option('--note <text>', 'anything the client said')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd close 123 --confirmed-by "Andrei Kovalenko" --via phone'))
    .action(action(async () => (await commands()).runClose));

  program
    .command('reopen')
    .description('the client says it is not fixed: resolved back to in progress')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--reason <text>', 'what the client reports')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples('hd reopen 123 --reason "link drops again every 10 minutes"') +
        '\nA closed ticket is final: open a related one with hd open --related HD-000123.\n',
    )
    .action(action(async () => (await commands()).runReopen));

  program
    .command('cancel')
    .description('cancel a ticket opened in error or a duplicate')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--reason <text>', 'why')
    .option('--duplicate-of <ticket>', 'the ticket this one duplicates')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd cancel 124 --reason "same outage reported twice" --duplicate-of 123'))
    .action(action(async () => (await commands()).runCancel));
}
