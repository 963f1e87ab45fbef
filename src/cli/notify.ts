// Keeping the client informed: hd notify and the e-mail outbox.
import type { Command } from 'commander';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineNotifyCommands(program: Command, action: Action, _mount: Mount): void {
  program
    .command('notify')
    .description('inform the client: e-mail through the outbox, or a call script and its outcome')
    .argument('<ticket>', 'HD-000123 or 123')
    .argument('[kind]', 'opened | update | eta | extended | restored | closed')
    .option('--via <channel>', "email | phone | both (default: the contact's preferred channel)")
    .option('--to <address>', 'send the e-mail to this address instead of the contact')
    .option(
      '--outcome <outcome>',
      'phone: reached | no-answer | busy | voicemail | wrong-number (asked on a terminal; required without one)',
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
        '\nE-mails are data/templates/<ru|en>/<kind>.txt, call scripts data/templates/<ru|en>/call/<kind>.txt,\n' +
        "in the client's language and time zone.\n" +
        'Only a call that reached the client, or a delivered e-mail, counts as a client update for the SLA\n' +
        'and tells the client an ETA, extension or restoration still owed to them.\n',
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
}
