// Commander wiring only: each command's flags, help text with examples, and a lazy import of the
// module that runs it. Parsing argv into typed options happens in the command modules.
import { Command, CommanderError, Option } from 'commander';
import type { Context } from './context.ts';
import { questionnaire } from './data.ts';
import { UsageError } from './errors.ts';
import type { GlobalOptions } from './main.ts';

type Opts = Record<string, unknown>;
type Runner = (args: string[], opts: Opts, ctx: Context) => Promise<void>;

const collect = (value: string, previous: string[] = []) => [...previous, value];
/**
 * All command modules load together, once, when a command runs: one chunk compiles faster than
 * two dozen small ones. Heavy libraries (inquirer, nodemailer, date-holidays, libphonenumber,
 * cli-table3) stay in chunks of their own, loaded only by the code that needs them.
 */
const commands = () => import('./commands/index.ts');
const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

export async function runCli(argv: string[], makeContext: (g: GlobalOptions) => Context): Promise<void> {
  const program = new Command('hd');
  let ctx: Context | undefined;
  const context = () => {
    ctx ??= makeContext(program.opts() as GlobalOptions);
    return ctx;
  };

  /** Runs a command module's exported function, loaded only when the command is used. */
  const action =
    (load: () => Promise<Runner>) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      // Merged with the parents' options: commander gives `hd sla report --json` to `sla`.
      const opts = command.optsWithGlobals();
      const positional = command.processedArgs.filter((a) => a !== undefined).flat() as string[];
      const run = await load();
      await run(positional, opts, context());
    };

  program
    .description('Trouble tickets for a 24x7 telecom helpdesk: take the call, log the work, keep the SLA.')
    .version('0.1.0', '-V, --version')
    .option('--db <path>', 'database file (default: $HD_DB or ~/.local/share/hd/hd.db)')
    .option('--no-input', 'never prompt; a missing value is an error naming its flag')
    .option('--no-color', 'plain output even on a terminal')
    .addHelpText(
      'after',
      `
Environment:
  HD_DB        database file            HD_OPERATOR  your name on every event (default: OS user)
  HD_TZ        time zone for display    HD_NOW       fixed "now" (ISO), for training and tests
  HD_DEBUG=1   stack traces on errors   NO_COLOR / FORCE_COLOR  colour control
  HD_SMTP_URL  smtp://host:587 or smtps://user:pass@host:465 (else e-mail waits in the outbox)
  HD_SMTP_USER, HD_SMTP_PASS, HD_MAIL_FROM  SMTP login and sender
${examples('hd init --demo', 'hd open', 'hd list', 'hd show HD-000123', 'hd sla --overdue')}`,
    );

  program
    .command('init')
    .description('create the database and load rule profiles, priority matrix and fault zones')
    .option('--demo', 'also load the demo clients, engineers and spares')
    .option('--json', 'print what was loaded as JSON')
    .addHelpText('after', examples('hd init', 'hd init --demo', 'hd --db /srv/hd/hd.db init'))
    .action(action(async () => (await commands()).runInit));

  const client = program.command('client').description('clients, their contacts and services');
  client
    .command('add')
    .description('register a client with a contract, a contact and a service')
    .option('--name <name>', 'client name')
    .option('--contract <no>', 'contract number (unique)')
    .option('--profile <name>', 'Priority Rules profile (see hd rules list)', 'standard-24x7')
    .option('--language <ru|en>', 'language of messages to the client', 'ru')
    .option('--contact <name>', 'first contact person')
    .option('--phone <phone>', "contact's phone (stored as E.164, Belarus by default)")
    .option('--email <address>', "contact's e-mail")
    .option('--prefer <phone|email|both>', 'how the contact wants to be informed', 'phone')
    .option('--service <id>', 'service / circuit ID')
    .option('--kind <text>', 'service kind, e.g. "Dedicated Internet 100 Mbit/s"')
    .option('--address <text>', 'site address of the service')
    .option('--cpe <model>', 'CPE model at the site')
    .option('--json', 'print the client as JSON')
    .addHelpText(
      'after',
      examples(
        'hd client add --name "Minsk Bakery" --contract C-2026-0001 --contact "Ivan Ivanov" --phone "029 123-45-67" \\\n      --service MSK-DIA-09001 --kind "Internet 100M" --address "Minsk, ul. Lenina 1" --cpe "MikroTik hEX"',
      ),
    )
    .action(action(async () => (await commands()).runClientAdd));
  client
    .command('contact')
    .description('add a contact person to a client')
    .argument('<client>', 'contract number, service ID, phone or name')
    .option('--name <name>', 'contact name')
    .option('--phone <phone>', 'phone')
    .option('--email <address>', 'e-mail')
    .option('--prefer <phone|email|both>', 'preferred channel', 'phone')
    .option('--json', 'print the contact as JSON')
    .addHelpText(
      'after',
      examples('hd client contact C-2021-0147 --name "Olga Savitskaya" --phone "+375 17 218-55-40"'),
    )
    .action(action(async () => (await commands()).runClientContact));
  client
    .command('service')
    .description('add a service (circuit) to a client')
    .argument('<client>', 'contract number, service ID, phone or name')
    .option('--service <id>', 'service / circuit ID')
    .option('--kind <text>', 'service kind')
    .option('--address <text>', 'site address')
    .option('--cpe <model>', 'CPE model')
    .option('--json', 'print the service as JSON')
    .addHelpText(
      'after',
      examples(
        'hd client service C-2021-0147 --service MSK-DIA-09002 --kind "Internet 1G" --address "Minsk, pr. Pobeditelei 7"',
      ),
    )
    .action(action(async () => (await commands()).runClientService));
  client
    .command('update')
    .description("change a client's Priority Rules profile or message language")
    .argument('<client>', 'contract number, service ID, phone or name')
    .option('--profile <name>', 'Priority Rules profile for new tickets (see hd rules list)')
    .option('--language <ru|en>', 'language of messages to the client')
    .option('--json', 'print the client as JSON')
    .addHelpText('after', examples('hd client update C-2023-1102 --profile premium-24x7'))
    .action(action(async () => (await commands()).runClientUpdate));
  client
    .command('list')
    .description('all clients with contract, profile and counts')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd client list', 'hd client list --json'))
    .action(action(async () => (await commands()).runClientList));
  client
    .command('show')
    .description('one client: contract, profile, contacts, services, open tickets')
    .argument('<client>', 'contract number, service ID, phone or name')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd client show C-2021-0147', 'hd client show MSK-IPVPN-00412 --json'))
    .action(action(async () => (await commands()).runClientShow));

  program
    .command('open')
    .description('take a fault report: the intake questionnaire, then a ticket number to tell the client')
    .option('--client <text>', 'client: contract number, service ID, caller phone or name')
    .option('--contact <name>', 'caller: a known contact, or a new one (with --phone / --email)')
    .option('--phone <phone>', "caller's phone")
    .option('--email <address>', "caller's e-mail")
    .option('--prefer <phone|email|both>', "new caller's preferred channel", 'phone')
    .option('--service <id>', 'affected service / circuit ID')
    .addOption(
      new Option('--channel <how>', 'how the fault was reported').choices([
        'phone',
        'email',
        'portal',
        'monitoring',
      ]),
    )
    .option('--impact <impact>', 'down | degraded | intermittent | none')
    .option('--urgency <urgency>', 'high | medium | low')
    .option('--priority <P1..P4>', 'override the matrix priority (needs --priority-reason)')
    .option('--priority-reason <text>', 'why the priority differs from the matrix')
    .option('--summary <text>', 'one-line summary')
    .option('--description <text>', 'full description ("-" reads stdin)')
    .option('--answer <key=value>', 'questionnaire answer, repeatable (see hd open --help)', collect, [])
    .option('--related <ticket>', 'a related (earlier) ticket, e.g. the closed one the fault came back on')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option('--json', 'print the created ticket as JSON')
    .addHelpText('after', () => openHelp())
    .action(action(async () => (await commands()).runOpen));

  program
    .command('show')
    .description('one ticket: status, priority, client, SLA deadlines, intake answers, timeline')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd show HD-000123', 'hd show 123 --json'))
    .action(action(async () => (await commands()).runShow));

  program
    .command('list')
    .description('open tickets, most urgent first')
    .option('--status <list>', 'comma-separated: acknowledged,inProgress,pending,resolved,closed,cancelled')
    .option('--priority <list>', 'comma-separated: P1,P2')
    .option('--client <text>', 'one client (contract, service ID, phone or name)')
    .option('--assignee <name>', 'tickets assigned to NAME')
    .option('--mine', 'tickets assigned to me ($HD_OPERATOR)')
    .option('--all', 'include closed and cancelled tickets (newest first)')
    .option('--since <when>', 'opened since (2026-11-01, "yesterday", or a duration like 12h)')
    .option('--limit <n>', 'at most N rows', '50')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples('hd list', 'hd list --priority P1,P2 --mine', 'hd list --all --since 7d --json'),
    )
    .action(action(async () => (await commands()).runList));

  program
    .command('search')
    .description('full-text search over summaries, descriptions and timelines, best match first')
    .argument('<text...>', 'words to find (all must match)')
    .option('--limit <n>', 'at most N tickets', '20')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples('hd search ping loss', 'hd search "Zhukova" --json') +
        '\nAll words must match. The 200 most recent matches are ranked by relevance; add words to narrow a common one.\n',
    )
    .action(action(async () => (await commands()).runSearch));

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
    .option('--outcome <outcome>', 'call: reached | no-answer | voicemail | wrong-number')
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
        '\nAn outbound call meets the response (call-back) target; a call that reached the client\nrestarts the client-update clock.\n',
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

  program
    .command('take')
    .description('assign the ticket to me and start work (meets the response target)')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd take 123'))
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
    .option('--until <when>', 'expected end of the wait (18:30, "tomorrow 09:00", +2h)')
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
    .argument('[when...]', '18:30, "tomorrow 10:00", +3h, or ISO')
    .option('--via <phone|email|both>', 'how the client was told (default: their preferred channel)')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option('--outcome <outcome>', 'phone: reached (default) | no-answer | voicemail | wrong-number')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples('hd eta 123 18:30 --via phone', 'hd eta 123 tomorrow 10:00', 'hd eta 123 +3h'),
    )
    .action(action(async () => (await commands()).runEta));

  program
    .command('extend')
    .description('tell the client the fix takes longer: a later ETA and the reason')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--by <duration>', 'extend by 45m, 2h, 1d4h …')
    .option('--to <when>', 'new ETA (21:00, "tomorrow 12:00", ISO)')
    .option('--reason <text>', 'why it takes longer (required)')
    .option('--via <phone|email|both>', 'how the client was told (default: their preferred channel)')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option('--outcome <outcome>', 'phone: reached (default) | no-answer | voicemail | wrong-number')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples('hd extend 123 --by 2h --reason "spare router arrives from the depot at 20:00" --via phone'),
    )
    .action(action(async () => (await commands()).runExtend));

  program
    .command('resolve')
    .description('service restored: record what fixed it and that the client was informed')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--summary <text>', 'what restored the service')
    .option('--zone <zone>', 'the fault zone (required unless set earlier)')
    .option('--restored-at <when>', 'when the service came back (default: now)')
    .option('--via <phone|email|both>', 'how the client was informed (default: their preferred channel)')
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option('--outcome <outcome>', 'phone: reached (default) | no-answer | voicemail | wrong-number')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples('hd resolve 123 --summary "replaced the CPE power adapter" --zone cpe --via both'),
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

  const sla = program
    .command('sla')
    .description('SLA: a summary, or every open breach with the next action (--overdue)')
    .option('--overdue', 'one row per breach: what is late, by how long, who has it, what to do')
    .option('--due-within <duration>', 'also what breaches within DURATION (marked "soon")')
    .option('--priority <list>', 'only these priorities, e.g. P1,P2')
    .option('--client <text>', 'one client')
    .option('--assignee <name>', 'tickets assigned to NAME')
    .option('--mine', 'tickets assigned to me')
    .option('--limit <n>', 'rows to show (default: 50 most severe on a terminal, all when piped; 0 = all)')
    .option('--watch [seconds]', 'redraw every SECONDS (default 30) until Ctrl-C, for a wall screen')
    .option('--fail-on-overdue', 'exit 3 when anything is overdue (for cron and monitoring)')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples(
        'hd sla',
        'hd sla --overdue',
        'hd sla --overdue --due-within 1h --priority P1,P2',
        'hd sla --overdue --watch 30',
        'hd sla --overdue --fail-on-overdue --json',
      ),
    )
    .action(action(async () => (await commands()).runSla));

  sla
    .command('report')
    .description('SLA performance over a period: targets met, response and restore times, breaches')
    .option('--from <date>', 'start (2026-11-01, "yesterday", ISO)')
    .option('--to <date>', 'end, exclusive (default: now)')
    .option('--client <text>', 'one client')
    .addOption(
      new Option('--by <group>', 'group rows by').choices(['priority', 'client', 'zone']).default('priority'),
    )
    .option('--json', 'JSON output')
    .option('--csv', 'CSV output (one row per group)')
    .addHelpText(
      'after',
      examples(
        'hd sla report --from 2026-11-01 --to 2026-12-01',
        'hd sla report --from 2026-11-01 --by client --csv > nov.csv',
      ),
    )
    .action(action(async () => (await commands()).runReport));

  program
    .command('handover')
    .description('shift hand-over: what happened, what is open, what is late, who waits for a call')
    .option('--since <duration>', 'the shift that ends now', '12h')
    .option('--json', 'JSON output')
    .option('--markdown', 'Markdown, to paste into mail or chat')
    .addHelpText('after', examples('hd handover', 'hd handover --since 8h --markdown | xclip'))
    .action(action(async () => (await commands()).runHandover));

  const rules = program.command('rules').description("Priority Rules profiles (a contract's SLA targets)");
  rules
    .command('list')
    .description('profiles with coverage and P1 targets')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd rules list'))
    .action(action(async () => (await commands()).runRulesList));
  rules
    .command('show')
    .description('one profile: coverage, calendar and targets per priority')
    .argument('<profile>', 'profile name')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd rules show business-8x5'))
    .action(action(async () => (await commands()).runRulesShow));
  rules
    .command('import')
    .description('add or update a profile from a JSON file (a change becomes a new version)')
    .argument('<file>', 'JSON file with one profile or a list of profiles')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples('hd rules import gold-24x7.json') +
        '\nOpen tickets keep the targets of the version they were opened under.\n',
    )
    .action(action(async () => (await commands()).runRulesImport));

  program
    .command('priority')
    .description("change a ticket's priority: deadlines are recomputed from the opening, pauses kept")
    .argument('<ticket>', 'HD-000123 or 123')
    .argument('<priority>', 'P1 | P2 | P3 | P4')
    .option('--reason <text>', 'why (required)')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText('after', examples('hd priority 123 P1 --reason "whole branch down, not one PC"'))
    .action(action(async () => (await commands()).runPriority));

  const engineer = program
    .command('engineer')
    .description('field engineers: depot, region, skills, duty, active jobs');
  engineer
    .command('add')
    .description('add a field engineer')
    .option('--name <name>', 'full name (unique)')
    .option('--phone <phone>', 'mobile phone')
    .option('--email <address>', 'e-mail (job sheets can be sent there)')
    .option('--depot <depot>', 'home depot, where their spares come from')
    .option('--region <region>', 'area they cover')
    .option('--skills <list>', 'comma-separated, e.g. cisco,fibre,voice')
    .option('--off-duty', 'not on duty now')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples(
        'hd engineer add --name "Ivan Petrov" --phone "029 500-11-01" --depot minsk-central --region Minsk --skills cisco,fibre',
      ),
    )
    .action(action(async () => (await commands()).runEngineerAdd));
  engineer
    .command('list')
    .description('engineers with their active jobs')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd engineer list'))
    .action(action(async () => (await commands()).runEngineerList));
  engineer
    .command('show')
    .description('one engineer')
    .argument('<name>', 'engineer name')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd engineer show "Ivan Petrov"'))
    .action(action(async () => (await commands()).runEngineerShow));
  engineer
    .command('update')
    .description('change duty, contact details, depot, region or skills')
    .argument('<name>', 'engineer name')
    .option('--on-duty', 'on duty now')
    .option('--off-duty', 'off duty now')
    .option('--phone <phone>', 'mobile phone')
    .option('--email <address>', 'e-mail')
    .option('--depot <depot>', 'home depot')
    .option('--region <region>', 'area')
    .option('--skills <list>', 'comma-separated skills (replaces the list)')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd engineer update "Maria Sokol" --on-duty'))
    .action(action(async () => (await commands()).runEngineerUpdate));

  const dispatch = program
    .command('dispatch')
    .description('send a field engineer to the site, with spares reserved from their depot')
    .argument('[ticket]', 'HD-000123 or 123')
    .option('--engineer <name>', 'who goes')
    .option('--spare <sku[:qty]>', 'spare to take from the depot, repeatable', collect, [])
    .option('--note <text>', 'instructions for the engineer')
    .option(
      '--override-reason <text>',
      "send even though the client's rules do not dispatch for this priority",
    )
    .option('--email-sheet', 'e-mail the job sheet to the engineer')
    .option('--json', 'JSON output (the job and its sheet)')
    .addHelpText(
      'after',
      examples(
        'hd dispatch 123 --engineer "Ivan Petrov" --spare CISCO-ISR4331 --spare SFP-1G-LX:2 --note "rack 3, ask for the guard"',
        'hd dispatch update 123 en-route',
        'hd dispatch update J-000004 on-site',
        'hd dispatch list --open',
      ) +
        "\nThe on-site deadline comes from the ticket's Priority Rules. If the engineer's depot lacks a spare,\nnothing is reserved and the message names depots that have it.\n",
    )
    .action(action(async () => (await commands()).runDispatch));
  dispatch
    .command('update')
    .description('progress of a field job: en-route, on-site (checked against the deadline), done, cancelled')
    .argument('<job>', 'J-000004, or the ticket when it has one open job')
    .argument('<status>', 'en-route | on-site | done | cancelled')
    .option('--note <text>', 'what happened')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples(
        'hd dispatch update 123 on-site',
        'hd dispatch update J-000004 done --note "router swapped, link up"',
      ) + '\ndone and cancelled return unused reserved spares to stock.\n',
    )
    .action(action(async () => (await commands()).runDispatchUpdate));
  dispatch
    .command('list')
    .description('field jobs, newest first')
    .option('--engineer <name>', 'one engineer')
    .option('--open', 'only jobs not done or cancelled')
    .option('--limit <n>', 'at most N', '50')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd dispatch list --open', 'hd dispatch list --engineer "Ivan Petrov"'))
    .action(action(async () => (await commands()).runDispatchList));

  program
    .command('replace')
    .description('record a hardware replacement: uses the reserved spare (or stock), logs the faulty unit')
    .argument('<ticket>', 'HD-000123 or 123')
    .option('--part <sku>', 'the spare part used')
    .option('--faulty-serial <serial>', 'serial of the unit taken out')
    .option('--new-serial <serial>', 'serial of the unit put in')
    .option('--depot <depot>', 'where the unit came from, when none was reserved for the ticket')
    .option('--json', 'print the updated ticket as JSON')
    .addHelpText(
      'after',
      examples('hd replace 123 --part CISCO-ISR4331 --faulty-serial FDO2231A0BC --new-serial FDO2245B1XY'),
    )
    .action(action(async () => (await commands()).runReplace));

  const spares = program.command('spares').description('the reserve stock of spare equipment, per depot');
  spares
    .command('list')
    .description('stock, reserved, available and minimum per part and depot (LOW when below minimum)')
    .option('--depot <depot>', 'one depot')
    .option('--low', 'only parts below their minimum')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd spares list', 'hd spares list --low', 'hd spares list --depot grodno'))
    .action(action(async () => (await commands()).runSparesList));
  spares
    .command('receive')
    .description('units arrived at a depot')
    .argument('<sku>', 'part number')
    .option('--qty <n>', 'how many')
    .option('--depot <depot>', 'which depot')
    .option('--description <text>', 'needed for a part new to hd')
    .option('--minimum <n>', 'set the minimum level')
    .option('--note <text>', 'delivery note, order number …')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples('hd spares receive SFP-1G-LX --qty 10 --depot minsk-central --note "PO 2026-311"'),
    )
    .action(action(async () => (await commands()).runSparesReceive));
  spares
    .command('adjust')
    .description('correct the stock (count, damage, transfer) with a reason')
    .argument('<sku>', 'part number')
    .option('--qty <±n>', 'change, e.g. -1 or +2')
    .option('--reason <text>', 'why (required)')
    .option('--depot <depot>', 'which depot (needed when the part is kept in several)')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples('hd spares adjust PSU-12V-60W --qty -1 --reason "damaged in transport" --depot minsk-central'),
    )
    .action(action(async () => (await commands()).runSparesAdjust));
  spares
    .command('history')
    .description('every movement of a part: receipts, adjustments, reservations, use, returns')
    .argument('<sku>', 'part number')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd spares history CISCO-ISR4331'))
    .action(action(async () => (await commands()).runSparesHistory));
  spares
    .command('faulty')
    .description('faulty units taken out at clients, awaiting repair or return to the vendor')
    .option('--all', 'include units already returned')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd spares faulty'))
    .action(action(async () => (await commands()).runSparesFaulty));
  spares
    .command('returned')
    .description('a faulty unit went back to the vendor or repair shop')
    .argument('<serial>', 'serial of the faulty unit')
    .option('--json', 'JSON output')
    .addHelpText('after', examples('hd spares returned FDO2231A0BC'))
    .action(action(async () => (await commands()).runSparesReturned));

  program
    .command('notify')
    .description('inform the client: e-mail through the outbox, or a call script and its outcome')
    .argument('<ticket>', 'HD-000123 or 123')
    .argument('[kind]', 'opened | update | eta | extended | restored | closed')
    .option('--via <channel>', "email | phone | both (default: the contact's preferred channel)")
    .option('--to <address>', 'send the e-mail to this address instead of the contact')
    .option(
      '--outcome <outcome>',
      'phone: reached | no-answer | voicemail | wrong-number (asked on a terminal)',
    )
    .option('--dry-run', 'show the message and the call script; record and send nothing')
    .option('--json', 'JSON output')
    .addHelpText(
      'after',
      examples(
        'hd notify 123 update --via email',
        'hd notify 123 update --via phone --outcome no-answer',
        'hd notify 123 restored --dry-run',
      ) +
        "\nTemplates are data/templates/<ru|en>/<kind>.txt, in the client's language and time zone.\n" +
        'A call that reached the client, or a delivered e-mail, counts as a client update for the SLA.\n',
    )
    .action(action(async () => (await commands()).runNotify));

  const outbox = program
    .command('outbox')
    .description('outgoing e-mail: list, show, send what is due, retry a failed message')
    .addHelpText(
      'after',
      `
SMTP: HD_SMTP_URL=smtp://host:587 or smtps://user:pass@host:465 (or HD_SMTP_USER / HD_SMTP_PASS),
HD_MAIL_FROM="Helpdesk <helpdesk@example.by>". Without HD_SMTP_URL mail waits in the outbox.
Failed deliveries are retried with back-off (1m, 5m, 15m … 8h); a message is never sent twice.
${examples('hd outbox list --status failed', 'hd outbox show 12', 'hd outbox send', 'hd outbox retry 12')}`,
    );
  outbox
    .command('list', { isDefault: true })
    .description('messages, newest first, with attempts and the last error')
    .option('--status <status>', 'queued | sending | sent | failed')
    .option('--ticket <ticket>', 'one ticket')
    .option('--limit <n>', 'at most N', '50')
    .option('--json', 'JSON output')
    .action(action(async () => (await commands()).runOutboxList));
  outbox
    .command('show')
    .description('one message with its body')
    .argument('<id>', 'message number')
    .option('--json', 'JSON output')
    .action(action(async () => (await commands()).runOutboxShow));
  outbox
    .command('send')
    .description('deliver everything due now (for cron: */5 * * * * hd outbox send)')
    .action(action(async () => (await commands()).runOutboxSend));
  outbox
    .command('retry')
    .description('put a failed message back in the queue and try it now')
    .argument('<id>', 'message number')
    .action(action(async () => (await commands()).runOutboxRetry));

  const output = {
    writeOut: (text: string) => context().io.stdout.write(text),
    // Usage errors are rethrown below as UsageError, so main.ts prints them like every other error.
    writeErr: () => {},
  };
  // Subcommands copy these settings when created, so set them on every command explicitly.
  for (const command of [program, ...allCommands(program)]) {
    command.exitOverride();
    command.configureOutput(output);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return;
      const command = argv.find((a) => !a.startsWith('-')) ?? '';
      throw new UsageError(
        `${error.message.replace(/^error: /, '')} (see hd ${command} --help)`.replace('hd  --', 'hd --'),
      );
    }
    throw error;
  }
}

function allCommands(root: Command): Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}

function openHelp(): string {
  let questions = '';
  try {
    // Read from data/questionnaire.json, so the help follows the questionnaire the helpdesk edits.
    questions = questionnaire()
      .map(
        (q) =>
          `  ${q.key.padEnd(12)} ${q.required ? '(required) ' : ''}${q.question}${q.choices ? ` [${q.choices.map((c) => c.value).join(', ')}]` : ''}`,
      )
      .join('\n');
  } catch {
    questions = '  (see data/questionnaire.json)';
  }
  return `
On a terminal, hd open asks for whatever the flags did not give. With --no-input (or no TTY),
a missing required value is an error naming every missing flag.

Questionnaire items for --answer KEY=VALUE:
${questions}
${examples(
  'hd open',
  'hd open --client C-2021-0147 --contact "Andrei Kovalenko" --service MSK-IPVPN-00412 \\\n      --impact down --urgency high --summary "VPN down at HQ" --description "No traffic since 14:20" \\\n      --answer since="14:20" --answer symptom=no-service --answer scope=one-site --no-input',
)}`;
}
