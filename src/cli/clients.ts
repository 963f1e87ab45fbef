// hd init and hd client: the database and the clients on contract.
import type { Command } from 'commander';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineClientCommands(program: Command, action: Action, _mount: Mount): void {
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
    .option(
      '--elements <list>',
      'network elements the service depends on, e.g. POP-MSQ-1,NODE-MSQ-17,SW-17-3',
    )
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
    .description("add a service (circuit) to a client, or set an existing service's network elements")
    .argument('<client>', 'contract number, service ID, phone or name')
    .option('--service <id>', 'service / circuit ID')
    .option('--kind <text>', 'service kind')
    .option('--address <text>', 'site address')
    .option('--cpe <model>', 'CPE model')
    .option('--elements <list>', 'network elements it depends on (PoP, node, switch, cable), comma-separated')
    .option('--json', 'print the service as JSON')
    .addHelpText(
      'after',
      examples(
        'hd client service C-2021-0147 --service MSK-DIA-09002 --kind "Internet 1G" --address "Minsk, pr. Pobeditelei 7" \\\n      --elements POP-MSQ-1,NODE-MSQ-17,SW-17-3,CAB-17-3A',
        'hd client service C-2021-0147 --service MSK-DIA-09002 --elements POP-MSQ-1,NODE-MSQ-17,SW-17-4',
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
}
