// hd client list: every client on contract.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import type { Client } from '../../domain/types.ts';
import { t } from '../../i18n.ts';
import { listClients } from '../../store/clients.ts';
import { printJson, printTable } from '../../ui/output.ts';
import { wrapForTerminal } from '../../ui/table.ts';
import { emptyDatabaseNote } from '../common.ts';
import { unit } from '../unit.ts';

export interface ClientListOptions {
  json: boolean;
}

export const clientList = unit<ClientListOptions>({
  declare: (parent) =>
    parent
      .command('list')
      .description(t('client.list.describe'))
      .option('--json', t('opt.json'))
      .addHelpText('after', examples('hd client list', 'hd client list --json')),
  options: (input) => ({ json: input.flag('json') }),
  run: runClientList,
});

export async function runClientList(opts: ClientListOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const clients = await listClients(store);
  if (opts.json) {
    printJson(
      ctx.io,
      clients.map((c) => ({
        id: c.id,
        name: c.name,
        contractNo: c.contractNo,
        profile: c.profile,
        language: c.language,
      })),
    );
    return;
  }
  await printTable(
    ctx.io,
    [
      { header: 'Contract', title: t('client.col.contract'), value: (c: Client) => c.contractNo },
      { header: 'Client', title: t('col.client'), value: (c: Client) => c.name, flexible: true },
      { header: 'Profile', title: t('client.col.profile'), value: (c: Client) => c.profile },
      { header: 'Lang', title: t('client.col.lang'), value: (c: Client) => c.language },
    ],
    clients,
  );
  if (clients.length === 0) {
    const note = await emptyDatabaseNote(ctx, store);
    ctx.io.stderr.write(ctx.io.isTerminal ? wrapForTerminal(note, ctx.io.columns) : note);
  }
}
