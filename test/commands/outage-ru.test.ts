// The Russian console reads an outage's timeline, and the tickets an outage opened, in Russian
// (issue 15, a tester's findings): rendered from the events' facts; English reads as written.
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { openArgs } from '../helpers/fixtures.ts';

const NOW = '2026-11-25T09:00:00Z';
const QUIET = ['--no-notify', '--skip-reason', 'told on the call'];
const PHIL = ['--client', 'C-2022-0915', '--contact', 'Hanna Karpovich', '--service', 'MSK-DIA-04021'];
const LIDO = ['--client', 'C-2024-0760', '--contact', 'Pavel Rudak', '--service', 'MSK-BB-10442'];

async function desk(lang: 'ru' | 'en') {
  const h = await harness({ now: NOW, operator: 'ivan', lang, terminal: 200 });
  const ok = async (args: string[]) => {
    expect(await h.run(args), `${args.join(' ')}: ${h.stderr()}`).toBe(0);
    return h
      .stdout()
      .replace(/\x1b\[[0-9;]*m/g, '')
      .replace(/\s+/g, ' ');
  };
  await ok([...openArgs(LIDO, 'No internet'), '--no-notify', '--skip-reason', 'told on the call']);
  await ok([
    'outage',
    'open',
    '--summary',
    'Обрыв',
    '--zone',
    'operator-network',
    '--elements',
    'NODE-MSQ-17',
  ]);
  await ok(['outage', 'eta', '1', '16:00', ...QUIET]);
  await ok(['outage', 'detach', '1', '1', '--reason', 'not this one']);
  await ok(['outage', 'attach', '1', '1']);
  await ok(['outage', 'extend', '1', '--by', '1h', '--reason', 'digging', ...QUIET]);
  await ok(['outage', 'notify', '1', 'update']);
  await ok([
    'outage',
    'resolve',
    '1',
    '--summary',
    'spliced',
    '--zone',
    'operator-network',
    '--take',
    ...QUIET,
  ]);
  await ok([...openArgs(PHIL, 'No internet'), ...QUIET]);
  // A second outage opens the tickets before the clients call.
  await ok([
    'outage',
    'open',
    '--summary',
    'Обрыв 2',
    '--zone',
    'operator-network',
    '--elements',
    'NODE-MSQ-17',
    '--eta',
    '18:00',
    '--proactive',
  ]);
  return ok;
}

const ENGLISH =
  /linked ticket|Linked|Unlinked|Open tickets|opened before|e-mail\(s\)|client\(s\)|Resolved|Clients notified|ETA|To call|Opened with|before the client|about the outage/;

describe('an outage in the Russian console', () => {
  it('hd outage show renders the timeline from its facts, dates as the reader reads them', async () => {
    const ok = await desk('ru');
    const first = await ok(['outage', 'show', '1']);
    expect(first).toContain('Срок восстановления 25.11.2026 16:00, привязанных заявок: 1');
    expect(first).toContain('Отвязаны: HD-000001 (not this one)');
    expect(first).toContain('Привязаны: HD-000001');
    expect(first).toContain('Срок восстановления продлён 25.11.2026 16:00 → 25.11.2026 17:00: digging');
    expect(first).toContain('Клиентам сообщено (новости), привязанных заявок: 1');
    expect(first).toContain('Устранена: spliced');
    const history = first.slice(first.indexOf('История'));
    expect(history).not.toMatch(ENGLISH);
    const second = await ok(['outage', 'show', '2']);
    expect(second).toMatch(
      /Заявки открыты до звонков клиентов: HD-0000\d\d(, HD-0000\d\d)*; писем в очереди: \d, позвонить клиентам: \d/,
    );
    expect(second).toContain('Привязаны открытые заявки затронутых услуг: HD-000002');
    expect(second.slice(second.indexOf('История'))).not.toMatch(ENGLISH);
  });

  it('a ticket the outage opened: its description, the link and the call to make', async () => {
    const ok = await desk('ru');
    const shown = await ok(['show', '3']);
    expect(shown).toContain('Открыта вместе с аварией OUT-000002 до звонка клиента.');
    expect(shown).toContain('Открыта вместе с аварией OUT-000002: Обрыв 2');
    const history = shown.slice(shown.indexOf('Описание'));
    expect(history).not.toMatch(ENGLISH);
    const lido = await ok(['show', '1']);
    expect(lido).toContain('Отвязана от аварии OUT-000001');
    expect(lido).toContain('Привязана к аварии OUT-000001');
  });

  it('a call owed reads as a call to make', async () => {
    const ok = await desk('ru');
    const all = await Promise.all([3, 4, 5].map((n) => ok(['show', String(n)])));
    expect(all.join(' ')).toMatch(/Позвонить: [^,]+, \+375\d+, об аварии \(срок восстановления\)/);
  });

  it('English reads as written', async () => {
    const ok = await desk('en');
    const first = await ok(['outage', 'show', '1']);
    expect(first).toContain('ETA 2026-11-25 16:00 for 1 linked ticket(s)');
    expect(first).toContain('Unlinked: HD-000001 (not this one)');
    const second = await ok(['outage', 'show', '2']);
    expect(second).toMatch(
      /Tickets opened before the clients call: .*; \d e-mail\(s\) queued, \d client\(s\) to call/,
    );
    expect(second).toContain('Open tickets of affected services linked: HD-000002');
    const shown = await ok(['show', '3']);
    expect(shown).toContain('Opened with outage OUT-000002 before the client called.');
    expect(shown).toContain('Opened with outage OUT-000002: Обрыв 2');
  });
});

describe('an outage group line in the Russian console (issue 15 point 1)', () => {
  it('hd list, hd sla --overdue and hd outage list name the ETA in Russian', async () => {
    const ok = await desk('ru');
    const list = await ok(['list']);
    expect(list).toMatch(/срок через \d+ ч/);
    expect(list).not.toContain('ETA');
    const outages = await ok(['outage', 'list']);
    expect(outages).not.toContain('ETA');
  });

  it('English reads as written', async () => {
    const ok = await desk('en');
    expect(await ok(['list'])).toMatch(/ETA in \d+h/);
  });
});
