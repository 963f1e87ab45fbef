// hd client service: a service (circuit) for a client, or the network elements of one it has.
import { examples } from '../../cli/help.ts';
import type { Context } from '../../context.ts';
import { foldKey } from '../../domain/fold.ts';
import { RefusedError } from '../../errors.ts';
import { t } from '../../i18n.ts';
import { addService, servicesOf, setServiceElements } from '../../store/clients.ts';
import { printJson, writeText } from '../../ui/output.ts';
import { sanitizeLine } from '../../ui/text.ts';
import { requireText, resolveClient } from '../common.ts';
import { unit } from '../unit.ts';
import { elementsFromFlag, type ServiceFlags, serviceFromFlags } from './shared.ts';

export interface ClientServiceOptions {
  /** The client as typed: contract number, service ID, phone or name. */
  client: string;
  service: ServiceFlags;
  /** The network elements as typed (split and checked in run), or undefined when not given. */
  elements?: string;
  json: boolean;
}

export const clientService = unit<ClientServiceOptions>({
  declare: (parent) =>
    parent
      .command('service')
      .description(t('client.service.describe'))
      .argument('<client>', t('client.arg.client'))
      .option('--service <id>', t('client.opt.service'))
      .option('--kind <text>', t('client.service.opt.kind'))
      .option('--address <text>', t('client.opt.address'))
      .option('--cpe <model>', t('client.opt.cpe'))
      .option('--elements <list>', t('client.service.opt.elements'))
      .option('--json', t('client.service.opt.json'))
      .addHelpText(
        'after',
        examples(
          [
            'hd client service C-2021-0147 --service MSK-DIA-09002 \\',
            '      --kind "Internet 1G" --address "Minsk, pr. Pobeditelei 7" \\',
            '      --elements POP-MSQ-1,NODE-MSQ-17,SW-17-3,CAB-17-3A',
          ].join('\n'),
          'hd client service C-2021-0147 --service MSK-DIA-09002 \\\n      --elements POP-MSQ-1,NODE-MSQ-17,SW-17-4',
        ),
      ),
  options: (input) => ({
    client: input.arg(0)!,
    service: {
      serviceId: input.text('service'),
      kind: input.text('kind'),
      address: input.text('address'),
      cpe: input.text('cpe'),
    },
    elements: input.text('elements'),
    json: input.flag('json'),
  }),
  run: runClientService,
});

/**
 * Adds a service to a client, or, for a service the client already has, sets the network elements
 * it depends on (--elements; an empty list clears them).
 */
export async function runClientService(opts: ClientServiceOptions, ctx: Context): Promise<void> {
  const elements = elementsFromFlag(opts.elements);
  const idText = requireText(opts.service.serviceId, t('client.field.service'), '--service', 100);
  const store = await ctx.store();
  const client = await resolveClient(store, opts.client);
  const existing = (await servicesOf(store, client.id)).find((s) => foldKey(s.serviceId) === foldKey(idText));
  if (existing) {
    const given = { kind: opts.service.kind, address: opts.service.address, cpe: opts.service.cpe };
    const changes = Object.entries(given)
      .filter(([, value]) => value !== undefined)
      .map(([flag]) => `--${flag}`);
    if (changes.length > 0 || elements === undefined)
      throw new RefusedError(
        t(changes.length ? 'client.service.err.existsNot' : 'client.service.err.exists', {
          client: client.name,
          service: existing.serviceId,
          flags: changes.join(', '),
        }),
      );
    await store.tx((q) => setServiceElements(q, existing.id, elements));
    const shownElements = elements.map((e) => e.element);
    if (opts.json) printJson(ctx.io, { ...existing, elements: shownElements });
    else
      writeText(
        ctx.io,
        `${t('client.service.dependsOn', {
          service: sanitizeLine(existing.serviceId),
          client: sanitizeLine(client.name),
          elements: shownElements.join(', ') || t('client.service.noElements'),
        })}\n`,
      );
    return;
  }
  const service = serviceFromFlags(opts.service);
  const created = await store.tx(async (q) => {
    const added = await addService(q, client.id, service, ctx.now().getTime());
    if (elements) await setServiceElements(q, added.id, elements);
    return added;
  });
  const shownElements = elements?.map((e) => e.element) ?? [];
  if (opts.json) printJson(ctx.io, { ...created, elements: shownElements });
  else {
    const vars = {
      service: sanitizeLine(created.serviceId),
      client: sanitizeLine(client.name),
      elements: shownElements.join(', '),
    };
    const key = shownElements.length ? 'client.service.addedWith' : 'client.service.added';
    writeText(ctx.io, `${t(key, vars)}\n`);
  }
}
