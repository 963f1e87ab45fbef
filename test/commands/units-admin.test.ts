// Command units of the admin area: argv → typed options, nothing run (src/commands/unit.ts).
import { describe, expect, it } from 'vitest';
import { clientAdd } from '../../src/commands/client/add.ts';
import { clientContact } from '../../src/commands/client/contact.ts';
import { clientList } from '../../src/commands/client/list.ts';
import { clientService } from '../../src/commands/client/service.ts';
import { clientShow } from '../../src/commands/client/show.ts';
import { clientUpdate } from '../../src/commands/client/update.ts';
import { completion } from '../../src/commands/completion.ts';
import { dbCopy } from '../../src/commands/db/copy.ts';
import { init } from '../../src/commands/init.ts';
import { outageAttach } from '../../src/commands/outage/attach.ts';
import { outageEta } from '../../src/commands/outage/eta.ts';
import { outageExtend } from '../../src/commands/outage/extend.ts';
import { outageList } from '../../src/commands/outage/list.ts';
import { outageLog } from '../../src/commands/outage/log.ts';
import { outageNotify } from '../../src/commands/outage/notify.ts';
import { outageOpen } from '../../src/commands/outage/open.ts';
import { outagePending } from '../../src/commands/outage/pending.ts';
import { outageResolve } from '../../src/commands/outage/resolve.ts';
import { outageResume } from '../../src/commands/outage/resume.ts';
import { outageShow } from '../../src/commands/outage/show.ts';
import { serve } from '../../src/commands/serve.ts';
import { tokenCreate } from '../../src/commands/token/create.ts';
import { tokenList } from '../../src/commands/token/list.ts';
import { tokenRevoke } from '../../src/commands/token/revoke.ts';
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

describe('hd outage reads the command line into typed options', () => {
  it('open: what failed, times as typed, --proactive', async () => {
    expect(
      await optionsOf(outageOpen, [
        'open',
        '--summary',
        'Cut',
        '--elements',
        'NODE-1',
        '--eta',
        'завтра 10:00',
      ]),
    ).toEqual({
      summary: 'Cut',
      zone: undefined,
      elements: 'NODE-1',
      services: undefined,
      started: undefined,
      eta: 'завтра 10:00',
      proactive: false,
      json: false,
    });
    await expect(optionsOf(outageOpen, ['open'])).rejects.toThrow(
      'Missing --summary, --elements (what failed) or --services (the affected services).',
    );
  });

  it('list, show, attach: outage and ticket numbers parsed', async () => {
    expect(await optionsOf(outageList, ['list', '--all'])).toEqual({ all: true, json: false });
    expect(await optionsOf(outageShow, ['show', 'OUT-000012'])).toEqual({ outage: 12, json: false });
    await expect(optionsOf(outageShow, ['show', 'OUT-x'])).rejects.toThrow(/OUT-000012/);
    expect(await optionsOf(outageAttach, ['attach', '3', 'HD-000123', '124,HD-000123'])).toEqual({
      outage: 3,
      tickets: [123, 124],
      reason: undefined,
      json: false,
    });
  });

  it('the cascades: eta words joined, --no-notify, --by as a duration, kinds checked', async () => {
    expect(
      await optionsOf(outageEta, ['eta', '12', 'завтра', '10:00', '--no-notify', '--skip-reason', 'ночь']),
    ).toEqual({ outage: 12, when: 'завтра 10:00', notify: false, skipReason: 'ночь', json: false });
    await expect(optionsOf(outageEta, ['eta', '12'])).rejects.toThrow(/Missing the time/);
    const extend = await optionsOf(outageExtend, ['extend', '12', '--by', '2h', '--reason', 'storm']);
    expect([extend.byMs, extend.to, extend.reason, extend.notify]).toEqual([
      7_200_000,
      undefined,
      'storm',
      true,
    ]);
    await expect(optionsOf(outageExtend, ['extend', '12', '--by', '2h', '--to', '21:00'])).rejects.toThrow(
      /exactly one of --by/,
    );
    expect(await optionsOf(outageNotify, ['notify', '12', 'eta'])).toEqual({
      outage: 12,
      kind: 'eta',
      json: false,
    });
    await expect(optionsOf(outageNotify, ['notify', '12', 'fax'])).rejects.toBeInstanceOf(UsageError);
    expect(await optionsOf(outageLog, ['log', '12', 'test', 'ping', 'lost', '--result', 'fail'])).toEqual({
      outage: 12,
      kind: 'test',
      text: 'ping lost',
      result: 'fail',
      minutes: undefined,
      json: false,
    });
    await expect(optionsOf(outageLog, ['log', '12', 'call', 'x'])).rejects.toThrow(/log it on its ticket/);
    await expect(optionsOf(outageLog, ['log', '12', 'note', 'x', '--result', 'pass'])).rejects.toBeInstanceOf(
      UsageError,
    );
    expect(await optionsOf(outagePending, ['pending', '12', '--reason', 'power', '--until', '+3h'])).toEqual({
      outage: 12,
      reason: 'power',
      until: '+3h',
      json: false,
    });
    await expect(optionsOf(outageResume, ['resume', '12', '--note', ' '])).rejects.toThrow(
      '--note cannot be empty.',
    );
    expect(await optionsOf(outageResolve, ['resolve', '12', '--summary', 'spliced', '--take'])).toEqual({
      outage: 12,
      summary: 'spliced',
      zone: undefined,
      restoredAt: undefined,
      take: true,
      notify: true,
      skipReason: undefined,
      json: false,
    });
  });
});

describe('hd serve, token, db copy and completion read the command line into typed options', () => {
  it('serve: host and port with their defaults, TLS both or neither', async () => {
    expect(await optionsOf(serve, ['serve'])).toEqual({ host: '127.0.0.1', port: 8621, workers: 1 });
    expect((await optionsOf(serve, ['serve', '--workers', '2'])).workers).toBe(2);
    await expect(optionsOf(serve, ['serve', '--workers', '0'])).rejects.toThrow(/--workers/);
    expect(await optionsOf(serve, ['serve', '--port', '0', '--cert', 'c.pem', '--key', 'k.pem'])).toEqual({
      host: '127.0.0.1',
      port: 0,
      workers: 1,
      tls: { cert: 'c.pem', key: 'k.pem' },
    });
    await expect(optionsOf(serve, ['serve', '--port', '70000'])).rejects.toThrow(/--port is 70000/);
    await expect(optionsOf(serve, ['serve', '--cert', 'c.pem'])).rejects.toThrow(
      /both --cert FILE and --key FILE/,
    );
  });

  it('token create, list, revoke', async () => {
    expect(await optionsOf(tokenCreate, ['create', '--name', 'noc', '--scope', 'write'])).toEqual({
      name: 'noc',
      scope: 'write',
      json: false,
    });
    await expect(optionsOf(tokenCreate, ['create', '--name', 'noc'])).rejects.toThrow(
      'Missing --scope read|write.',
    );
    await expect(
      optionsOf(tokenCreate, ['create', '--name', 'noc', '--scope', 'all']),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(optionsOf(tokenCreate, ['create', '--name', 'n o c', '--scope', 'read'])).rejects.toThrow(
      /not an identifier/,
    );
    expect(await optionsOf(tokenList, ['list', '--json'])).toEqual({ json: true });
    expect(await optionsOf(tokenRevoke, ['revoke', 'noc'])).toEqual({ name: 'noc', json: false });
  });

  it('db copy and completion', async () => {
    expect(await optionsOf(dbCopy, ['copy', '--to', ' training.db '])).toEqual({
      to: 'training.db',
      json: false,
    });
    await expect(optionsOf(dbCopy, ['copy', '--to', 'mysql://x/y'])).rejects.toThrow(/not to mysql/);
    await expect(optionsOf(dbCopy, ['copy'])).rejects.toBeInstanceOf(UsageError);
    expect(await optionsOf(completion, ['completion', 'zsh'])).toEqual({ shell: 'zsh' });
    await expect(optionsOf(completion, ['completion', 'fish'])).rejects.toThrow(/not "fish"/);
  });
});
