// Field service: engineers, dispatch, hardware replacement, spares.
import type { Command } from 'commander';
import { engineer } from '../commands/engineer/index.ts';
import { type Action, collect, commands, examples, type Mount } from './shared.ts';

export function defineFieldCommands(program: Command, action: Action, mount: Mount): void {
  mount(program, engineer);

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
}
