// hd client contact: another contact person for a client.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { PREFERRED_CHANNELS } from '../../domain/types.ts';
import { t } from '../../i18n.ts';
import { addContact } from '../../store/clients.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { choice, resolveClient } from '../common.ts';
import { unit } from '../unit.ts';
import { type ContactFlags, contactFromFlags } from './shared.ts';

export interface ClientContactOptions {
  /** The client as typed: contract number, service ID, phone or name. */
  client: string;
  contact: ContactFlags;
  json: boolean;
}

export const clientContact = unit<ClientContactOptions>({
  declare: (parent) =>
    parent
      .command('contact')
      .description(t('client.contact.describe'))
      .argument('<client>', t('client.arg.client'))
      .option('--name <name>', t('client.contact.opt.name'))
      .option('--phone <phone>', t('client.contact.opt.phone'))
      .option('--email <address>', t('client.contact.opt.email'))
      .option('--prefer <phone|email|both>', t('client.opt.prefer'), 'phone')
      .option('--json', t('client.contact.opt.json'))
      .addHelpText(
        'after',
        examples(
          'hd client contact C-2021-0147 --name "Olga Savitskaya" \\\n      --phone "+375 17 218-55-40"',
        ),
      ),
  options: (input) => ({
    client: input.arg(0)!,
    contact: {
      name: input.text('name'),
      phone: input.text('phone'),
      email: input.text('email'),
      prefer: choice(input.text('prefer') ?? 'phone', PREFERRED_CHANNELS, 'client.what.channel', '--prefer'),
    },
    json: input.flag('json'),
  }),
  run: runClientContact,
});

export async function runClientContact(opts: ClientContactOptions, ctx: Context): Promise<void> {
  const contact = await contactFromFlags(opts.contact, '--name');
  const store = await ctx.store();
  const client = await resolveClient(store, opts.client);
  const created = await store.tx((q) => addContact(q, client.id, contact, ctx.now().getTime()));
  if (opts.json) printJson(ctx.io, created);
  else
    writeText(
      ctx.io,
      `${t('client.contact.added', { contact: sanitizeLine(created.name), client: sanitizeLine(client.name) })}\n`,
    );
}
