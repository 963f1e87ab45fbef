// hd serve (the TMF621 API) and hd token (who may use it).
import type { Command } from 'commander';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineServeCommands(program: Command, action: Action, _mount: Mount): void {
  program
    .command('serve')
    .description('serve the TMF621 Trouble Ticket API (v5) to other departments’ systems')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'TCP port (0: any free one)', '8621')
    .option('--cert <file>', 'TLS certificate (PEM); with --key, serve HTTPS')
    .option('--key <file>', 'TLS private key (PEM)')
    .option('--workers <n>', 'processes serving the port (node:cluster), up to one per core', '1')
    .addHelpText(
      'after',
      `
Every request needs "Authorization: Bearer TOKEN" (hd token create). One JSON line per request
goes to stderr. SIGTERM or Ctrl-C stops it after the requests in flight (in every worker). See "TMF621 API" in the
README for the mapping of hd's tickets to TroubleTicket, and for running behind a reverse proxy.

Events: POST /tmf-api/troubleTicket/v5/hub {"callback": "https://…"} registers a listener
(any token; DELETE /hub/{id} removes it). The server POSTs TroubleTicketCreateEvent,
…StatusChangeEvent, …AttributeValueChangeEvent, …ResolvedEvent and …InformationRequiredEvent
to {callback}/listener/{eventType} for changes made by the CLI, outages and the API alike, from
a queue in the database: in order per ticket, retried after 1 s, 2 s, 4 s … (at most every
5 min) until the listener answers 2xx or is deleted. HD_HUB_RETRY_MS sets the first delay.
${examples('hd serve', 'hd serve --workers 2', 'hd serve --host 0.0.0.0 --port 8443 --cert hd.pem --key hd-key.pem')}`,
    )
    .action(action(async () => (await commands()).runServe));

  const token = program.command('token').description('access tokens for hd serve, one per department');
  token
    .command('create')
    .description('create a token; it is printed once, only its hash is kept')
    .option('--name <name>', 'the department or system (the actor on every event it causes)')
    .option('--scope <read|write>', 'read: GET only; write: also POST and PATCH')
    .option('--json', 'print {name, scope, token, createdAt}')
    .addHelpText(
      'after',
      examples('hd token create --name noc --scope write', 'hd token create --name billing --scope read'),
    )
    .action(action(async () => (await commands()).runTokenCreate));
  token
    .command('list')
    .description('tokens by name, scope, creation and revocation (never the token)')
    .option('--json', 'JSON')
    .action(action(async () => (await commands()).runTokenList));
  token
    .command('revoke')
    .description('revoke a token: its next request gets 401')
    .argument('<name>', 'the token name')
    .option('--json', 'JSON')
    .action(action(async () => (await commands()).runTokenRevoke));
}
