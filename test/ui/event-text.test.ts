// A timeline entry rendered for its reader from the facts its event stores (events store facts):
// Russian from the payload in the reader's time zone, English as written, and the stored text
// whenever the payload holds no facts to render.
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../src/domain/types.ts';
import { setLanguage } from '../../src/i18n.ts';
import { eventKindWord, eventText } from '../../src/ui/event-text.ts';
import { timeDisplay } from '../../src/ui/time.ts';

const ru = timeDisplay({ timeZone: 'Europe/Minsk', env: { HD_LANG: 'ru' } });
const event = (kind: string, text: string, payload: Record<string, unknown>): TicketEvent => ({
  id: 1,
  ticketId: 1,
  at: Date.parse('2026-11-25T06:00:00Z'),
  actor: 'olga',
  kind,
  text,
  payload,
});

afterEach(() => setLanguage('en'));

describe('eventText', () => {
  const cases: [TicketEvent, string][] = [
    [
      event('assigned', 'Taken by olga (was ivan)', { from: 'ivan', to: 'olga', status: 'inProgress' }),
      'Взята в работу: olga (до этого — ivan)',
    ],
    [event('assigned', 'Assigned to ivan', { from: null, to: 'ivan' }), 'Назначена: ivan'],
    [
      event('eta', 'ETA 2026-11-25 13:00 (told)', { eta: '2026-11-25T10:00:00.000Z', via: 'phone' }),
      'Срок восстановления 25.11.2026\u00a013:00',
    ],
    [
      event('extended', 'ETA extended …', {
        from: '2026-11-25T10:00:00.000Z',
        to: '2026-11-25T12:00:00.000Z',
        reason: 'crew late',
      }),
      'Срок восстановления продлён: 25.11.2026\u00a013:00 → 25.11.2026\u00a015:00: crew late',
    ],
    [event('pending', 'Pending: x', { reason: 'client away', until: null }), 'Ожидание: client away'],
    [
      event('resumed', 'Resumed after 1h pending', { pausedMs: 3_600_000, note: null }),
      'Снова в работе после 1\u00a0ч ожидания',
    ],
    [
      event('zone', 'Zone a → b', { from: 'core', to: 'last-mile', note: null }),
      'Зона core → Последняя миля / линия доступа',
    ],
    [event('resolved', 'Resolved: …', { summary: 'splice fixed' }), 'Устранена: splice fixed'],
    [
      event('cancelled', 'Cancelled: dup', { reason: 'dup', duplicateOf: 'HD-000002' }),
      'Отменена: dup (дубль HD-000002)',
    ],
    [
      event('priority', 'Priority P3 → P1: x', { from: 'P3', to: 'P1', reason: 'whole site' }),
      'Приоритет P3 → P1: whole site',
    ],
    [
      event('notification', 'Client not notified (eta): demo', {
        notice: 'eta',
        skipped: true,
        reason: 'demo',
      }),
      'Клиент не уведомлён (срок восстановления): demo',
    ],
    [
      event('notification', 'Ticket number told to Andrei Kovalenko on the call', {
        channel: 'phone',
        notice: 'opened',
        status: 'told',
      }),
      'Номер заявки сообщён во время звонка: Andrei Kovalenko',
    ],
    [
      event('call', 'Phone (eta) to Sergei: no-answer', {
        party: 'Sergei',
        outcome: 'no-answer',
        notice: 'eta',
      }),
      'Звонок (срок восстановления), Sergei: не отвечает',
    ],
    [
      event('notification', 'To be phoned (extended, outage OUT-000001): Sergei on +375291112233', {
        channel: 'phone',
        notice: 'extended',
        status: 'to-call',
        outage: 'OUT-000001',
        party: 'Sergei',
        phone: '+375291112233',
      }),
      'Позвонить: Sergei, +375291112233, об аварии (продление срока)',
    ],
    // An engineer's own words, and an event with no facts to render, read as written.
    [
      event('call', 'told the client about the splice', { party: 'Sergei', outcome: 'reached' }),
      'told the client about the splice',
    ],
    [event('test', 'ping 100% loss', { result: 'fail' }), 'ping 100% loss'],
    [event('dispatch', 'JOB-1: Ivan dispatched', {}), 'JOB-1: Ivan dispatched'],
    // A field job's progress from the facts hd dispatch update stores: the text is not read (here
    // it names nobody), so a name or a margin written otherwise cannot be misread.
    [
      event('dispatch', 'J-000001 moved on', {
        job: 'J-000001',
        status: 'on-site',
        note: null,
        engineer: 'Ivan Petrov',
        margin: 'early',
        marginMin: 116,
      }),
      'J-000001: Ivan Petrov — на месте, раньше срока на 1\u00a0ч\u00a056\u00a0мин',
    ],
    [
      event('dispatch', 'J-000002 finished', {
        job: 'J-000002',
        status: 'done',
        note: 'all good',
        engineer: 'Olga Ivanova',
        returned: ['SFP-1G-LX×1'],
      }),
      'J-000002: Olga Ivanova — выполнен; возвращено на склад: SFP-1G-LX×1: all good',
    ],
    // Written before the payload held them: the engineer and the margin read back from the text.
    [
      event('dispatch', 'J-000001: Ivan Petrov on-site, 2h5m late', {
        job: 'J-000001',
        status: 'on-site',
        note: null,
      }),
      'J-000001: Ivan Petrov — на месте, опоздание 2\u00a0ч\u00a05\u00a0мин',
    ],
    [event('eta', 'ETA from an old version', {}), 'ETA from an old version'],
  ];
  it.each(cases)('in Russian: %#', (e, expected) => {
    setLanguage('ru');
    expect(eventText(e, ru)).toBe(expected);
  });

  it('in English reads the text the event was written with', () => {
    const e = cases[0]![0];
    expect(eventText(e, timeDisplay({ timeZone: 'Europe/Minsk', env: {} }))).toBe('Taken by olga (was ivan)');
    expect(eventKindWord('notification')).toBe('notification');
    setLanguage('ru');
    expect(eventKindWord('notification')).toBe('уведомление');
    expect(eventKindWord('something-new')).toBe('something-new');
  });
});
