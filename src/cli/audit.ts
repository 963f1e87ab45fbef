// The audit log: hd verify.
import type { Command } from 'commander';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineAuditCommands(program: Command, action: Action, _mount: Mount): void {
  program
    .command('verify')
    .description(
      "check the audit log: every ticket's hash chain, and that each ticket says what its events say",
    )
    .option('--json', 'JSON: every difference (ticket, event, field, expected, found) and the totals')
    .addHelpText(
      'after',
      `
Exit status 0 when every chain is intact and every ticket matches its events (one summary line),
1 when anything differs: one line per difference, naming the ticket, the event, the field, what
the events say and what was found. See "The audit log" in the README for what is checked.
${examples('hd verify', 'hd verify --json > audit.json || mail -s "hd audit" lead < audit.json')}`,
    )
    .action(action(async () => (await commands()).runVerify));
}
