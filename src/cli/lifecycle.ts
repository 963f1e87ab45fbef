// Working a ticket: log, zone, take, assign, pending/resume, ETA, resolve, close, reopen, cancel.
import type { Command } from 'commander';
import { assign } from '../commands/assign.ts';
import { cancel } from '../commands/cancel.ts';
import { close } from '../commands/close.ts';
import { pending } from '../commands/pending.ts';
import { reopen } from '../commands/reopen.ts';
import { resolve } from '../commands/resolve.ts';
import { resume } from '../commands/resume.ts';
import { take } from '../commands/take.ts';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineLifecycleCommands(program: Command, action: Action, mount: Mount): void {
  program
    .command('log')
    .description('log a test, an action, a call with the client, or a note')
    .argument('<ticket>', 'HD-000123 or 123')
    .argument('<kind>', 'test | action | call | note')
    .argument('[text...]', 'what was done or said ("-" reads stdin; asked for on a terminal)')
    .option('--result <result>', 'test outcome: pass | fail | info')
    .option('--zone <zone>', 'test: the zone this result points to (a hint; set it with hd zone)')
    .option('--direction <in|out>', 'call: who called whom (default: out)')
    .option('--party <name>', 'call: who was on the line (default: the ticket contact)')
    .option(
      '--outcome <outcome>',
      'call: reached | no-answer | busy | voicemail | wrong-number (asked on a terminal; required without one)',
    )
    .option('--minutes <n>', 'time spent')
    .option('--json', 'print the new event as JSON')
    .addHelpText(
      'after',
      examples(
        'hd log 123 test "ping CPE from PE: 100% loss" --result fail --zone last-mile',
        'hd log 123 action "replaced patch cord on ODF port 14" --minutes 20',
        'hd log 123 call "told Andrei we are testing the line" --outcome reached',
        'hd log 123 call "no answer on mobile" --outcome no-answer',
        'hd log 123 note - < field-notes.txt',
      ) +
        '\nAn outbound call meets the response (call-back) target. Only a call that reached the client\ntells them anything: it restarts the client-update clock and clears a notice still owed to them\n(an ETA, extension or restoration); other outcomes are recorded as attempts.\n',
    )
    .action(action(async () => (await commands()).runLog));

  program
    .command('zone')
    .description('set or refine the fault zone found by testing')
    .argument('<ticket>', 'HD-000123 or 123')
    .argument('[zone]', 'cpe | client-config | last-mile | operator-network | upstream | nff')
    .option('--note <text>', 'why this zone')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd zone 123 last-mile --note "loss on the copper pair from the cabinet"'))
    .action(action(async () => (await commands()).runZone));

  mount(program, take);

  mount(program, assign);

  mount(program, pending);

  mount(program, resume);

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

  mount(program, resolve);

  mount(program, close);

  mount(program, reopen);

  mount(program, cancel);
}
