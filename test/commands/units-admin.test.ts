// Command units of the admin area: argv → typed options, nothing run (src/commands/unit.ts).
import { describe, expect, it } from 'vitest';
import { clientAdd } from '../../src/commands/client/add.ts';
import { clientContact } from '../../src/commands/client/contact.ts';
import { clientList } from '../../src/commands/client/list.ts';
import { clientService } from '../../src/commands/client/service.ts';
import { clientShow } from '../../src/commands/client/show.ts';
import { clientUpdate } from '../../src/commands/client/update.ts';
import { init } from '../../src/commands/init.ts';
import { UsageError } from '../../src/errors.ts';
import { optionsOf } from '../helpers/unit.ts';

const ADD = [
  'add',
  '--name',
  'Minsk Bakery',
  '--contract',
  'C-2026-0001',
  '--contact',
  'Ivan Ivanov',
  '--phone',
  '029 123-45-67',
  '--service',
  'MSK-DIA-09001',
  '--kind',
  'Internet 100M',
  '--address',
  'Minsk, ul. Lenina 1',
];

describe('hd init and hd client read the command line into typed options', () => {
  it('hd init: --demo and --json', async () => {
    expect(await optionsOf(init, ['init'])).toEqual({ demo: false, json: false });
    expect(await optionsOf(init, ['init', '--demo', '--json'])).toEqual({ demo: true, json: true });
  });

  it('hd client add: the client, its contact and service, with the defaults', async () => {
    expect(await optionsOf(clientAdd, ADD)).toEqual({
      name: 'Minsk Bakery',
      contract: 'C-2026-0001',
      profile: 'standard-24x7',
      language: 'ru',
      contact: { name: 'Ivan Ivanov', phone: '029 123-45-67', email: undefined, prefer: 'phone' },
      service: {
        serviceId: 'MSK-DIA-09001',
        kind: 'Internet 100M',
        address: 'Minsk, ul. Lenina 1',
        cpe: undefined,
      },
      elements: undefined,
      json: false,
    });
    const en = await optionsOf(clientAdd, [
      ...ADD,
      '--language',
      'en',
      '--prefer',
      'both',
      '--elements',
      'A,B',
    ]);
    expect([en.language, en.contact.prefer, en.elements]).toEqual(['en', 'both', 'A,B']);
  });

  it('hd client add: every missing flag in one usage error, a wrong language or channel refused', async () => {
    await expect(optionsOf(clientAdd, ['add', '--name', 'X'])).rejects.toThrow(
      'Missing --contract, --contact, --service, --kind, --address.',
    );
    await expect(optionsOf(clientAdd, [...ADD, '--language', 'de'])).rejects.toThrow(
      'Unknown language "de". --language takes one of: ru, en.',
    );
    await expect(optionsOf(clientAdd, [...ADD, '--prefer', 'fax'])).rejects.toBeInstanceOf(UsageError);
  });

  it('hd client contact, service, update, list, show', async () => {
    expect(await optionsOf(clientContact, ['contact', 'C-1', '--name', 'Olga', '--email', 'o@x.by'])).toEqual(
      {
        client: 'C-1',
        contact: { name: 'Olga', phone: undefined, email: 'o@x.by', prefer: 'phone' },
        json: false,
      },
    );
    expect(await optionsOf(clientService, ['service', 'C-1', '--service', 'S-2', '--elements', ''])).toEqual({
      client: 'C-1',
      service: { serviceId: 'S-2', kind: undefined, address: undefined, cpe: undefined },
      elements: '',
      json: false,
    });
    expect(await optionsOf(clientUpdate, ['update', 'C-1', '--language', 'en'])).toEqual({
      client: 'C-1',
      profile: undefined,
      language: 'en',
      json: false,
    });
    await expect(optionsOf(clientUpdate, ['update', 'C-1'])).rejects.toThrow(
      'Missing --profile or --language.',
    );
    expect(await optionsOf(clientList, ['list', '--json'])).toEqual({ json: true });
    expect(await optionsOf(clientShow, ['show', 'MSK-IPVPN-00412'])).toEqual({
      client: 'MSK-IPVPN-00412',
      json: false,
    });
    await expect(optionsOf(clientShow, ['show'])).rejects.toBeInstanceOf(UsageError);
  });
});
