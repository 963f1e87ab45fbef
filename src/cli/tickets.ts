// Taking a fault report and finding tickets: hd open, show, list, search.
import { type Command, Option } from 'commander';
import { list } from '../commands/list.ts';
import { search } from '../commands/search.ts';
import { show } from '../commands/show.ts';
import { questionnaire } from '../data.ts';
import { type Action, collect, commands, examples, type Mount } from './shared.ts';

export function defineTicketCommands(program: Command, action: Action, mount: Mount): void {
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
    .option(
      '--duplicate-ok <reason>',
      'open a ticket although the service has an open one (the reason is recorded); else hd open refuses and names it',
    )
    .option('--no-notify', 'do not notify the client (needs --skip-reason)')
    .option('--skip-reason <text>', 'why the client is not notified')
    .option('--json', 'print the created ticket as JSON')
    .addHelpText('after', () => openHelp())
    .action(action(async () => (await commands()).runOpen));

  mount(program, show);

  mount(program, list);
  mount(program, search);
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
On a terminal, hd open asks for whatever the flags did not give: Esc goes back a question,
choices start on a neutral answer that records nothing. With --no-input (or no TTY),
a missing required value is an error naming every missing flag.

When the service is in an active outage (hd outage list), hd open says so first (the outage,
what failed, its ETA) and links the new ticket to it. When the service already has an open
ticket, hd open shows it and offers to log the call on it instead; without a terminal it
refuses, naming the ticket: log the call with hd log HD-… call, or give --duplicate-ok "reason".

Questionnaire items for --answer KEY=VALUE:
${questions}
${examples(
  'hd open',
  'hd open --client C-2021-0147 --contact "Andrei Kovalenko" --service MSK-IPVPN-00412 \\\n      --impact down --urgency high --summary "VPN down at HQ" --description "No traffic since 14:20" \\\n      --answer since="14:20" --answer symptom=no-service --answer scope=one-site --no-input',
)}`;
}
