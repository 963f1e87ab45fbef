// hd client add: a client on contract, with its first contact and service.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { clientName, contractNo as contractNumber } from '../../domain/new-client.ts';
import { LANGUAGES, type Language, PREFERRED_CHANNELS } from '../../domain/types.ts';
import { t } from '../../i18n.ts';
import { registerClient, setServiceElements } from '../../store/clients.ts';
import { currentProfile } from '../../store/reference.ts';
import { choice, refuseMissing } from '../common.ts';
import { unit } from '../unit.ts';
import {
  type ContactFlags,
  contactFromFlags,
  elementsFromFlag,
  type ServiceFlags,
  serviceFromFlags,
  showClient,
} from './shared.ts';

export interface ClientAddOptions {
  name: string;
  contract: string;
  profile: string;
  language: Language;
  contact: ContactFlags;
  service: ServiceFlags;
  /** The network elements as typed (split and checked in run), or undefined when not given. */
  elements?: string;
  json: boolean;
}

export const clientAdd = unit<ClientAddOptions>({
  declare: (parent) =>
    parent
      .command('add')
      .description(t('client.add.describe'))
      .option('--name <name>', t('client.add.opt.name'))
      .option('--contract <no>', t('client.add.opt.contract'))
      .option('--profile <name>', t('client.opt.profile'), 'standard-24x7')
      .option('--language <ru|en>', t('client.opt.language'), 'ru')
      .option('--contact <name>', t('client.add.opt.contact'))
      .option('--phone <phone>', t('client.add.opt.phone'))
      .option('--email <address>', t('client.add.opt.email'))
      .option('--prefer <phone|email|both>', t('client.opt.prefer'), 'phone')
      .option('--service <id>', t('client.opt.service'))
      .option('--kind <text>', t('client.add.opt.kind'))
      .option('--address <text>', t('client.opt.address'))
      .option('--cpe <model>', t('client.opt.cpe'))
      .option('--elements <list>', t('client.add.opt.elements'))
      .option('--json', t('client.opt.json'))
      .addHelpText(
        'after',
        examples(
          [
            'hd client add --name "Minsk Bakery" --contract C-2026-0001 \\',
            '      --contact "Ivan Ivanov" --phone "029 123-45-67" \\',
            '      --service MSK-DIA-09001 --kind "Internet 100M" \\',
            '      --address "Minsk, ul. Lenina 1" --cpe "MikroTik hEX"',
          ].join('\n'),
        ),
      ),
  options: (input) => {
    const required = ['name', 'contract', 'contact', 'service', 'kind', 'address'];
    refuseMissing(required.filter((f) => !input.text(f)).map((f) => `--${f}`));
    return {
      name: input.text('name')!,
      contract: input.text('contract')!,
      profile: input.text('profile') ?? 'standard-24x7',
      language: choice(input.text('language') ?? 'ru', LANGUAGES, 'client.what.language', '--language'),
      contact: {
        name: input.text('contact'),
        phone: input.text('phone'),
        email: input.text('email'),
        prefer: choice(
          input.text('prefer') ?? 'phone',
          PREFERRED_CHANNELS,
          'client.what.channel',
          '--prefer',
        ),
      },
      service: {
        serviceId: input.text('service'),
        kind: input.text('kind'),
        address: input.text('address'),
        cpe: input.text('cpe'),
      },
      elements: input.text('elements'),
      json: input.flag('json'),
    };
  },
  run: runClientAdd,
});

export async function runClientAdd(opts: ClientAddOptions, ctx: Context): Promise<void> {
  const name = clientName(opts.name, { what: t('client.field.name'), flag: '--name' });
  const contractNo = contractNumber(opts.contract, { what: t('client.field.contract'), flag: '--contract' });
  const contact = await contactFromFlags(opts.contact, '--contact');
  const service = serviceFromFlags(opts.service);
  const elements = elementsFromFlag(opts.elements);
  const store = await ctx.store();
  const profile = await currentProfile(store, opts.profile);
  const now = ctx.now().getTime();
  const { client } = await store.tx(async (q) => {
    const registered = await registerClient(
      q,
      {
        name,
        contractNo,
        profile: profile.name,
        language: opts.language,
        timezone: profile.coverage.timezone,
      },
      contact,
      service,
      now,
    );
    if (elements) await setServiceElements(q, registered.service.id, elements);
    return registered;
  });
  await showClient(ctx, client, opts.json);
}
