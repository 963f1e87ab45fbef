// Working a ticket: log, zone, take, assign, pending/resume, ETA, resolve, close, reopen, cancel.
import type { Command } from 'commander';
import { eta } from '../commands/eta.ts';
import { extend } from '../commands/extend.ts';
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

  mount(program, eta);
  mount(program, extend);

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
