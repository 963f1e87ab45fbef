// Field service: engineers, dispatch, hardware replacement, spares.
import type { Command } from 'commander';
import { dispatch, dispatchList, dispatchUpdate } from '../commands/dispatch/index.ts';
import { engineer } from '../commands/engineer/index.ts';
import { replace } from '../commands/replace.ts';
import { type Action, commands, examples, type Mount } from './shared.ts';

export function defineFieldCommands(program: Command, action: Action, mount: Mount): void {
  mount(program, engineer);

  mount(program, dispatch);
  // hd dispatch runs on its own and has subcommands: they go under the command it declared.
  const dispatchCommand = program.commands.find((c) => c.name() === 'dispatch')!;
  mount(dispatchCommand, dispatchUpdate);
  mount(dispatchCommand, dispatchList);

  mount(program, replace);

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
