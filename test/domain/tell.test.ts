import { describe, expect, it } from 'vitest';
import profiles from '../../data/profiles.json' with { type: 'json' };
import { always, loadCalendar } from '../../src/domain/calendar.ts';
import { callBackWhen, spokenAt } from '../../src/domain/callback.ts';
import { parseProfile } from '../../src/domain/profile.ts';
import {
  deliveryTells,
  NOTHING_OWED,
  tellAfterNotice,
  tellOwed,
  tellsClient,
} from '../../src/domain/tell.ts';
import { CALL_OUTCOMES } from '../../src/domain/types.ts';

const M = 60_000;
const standard = parseProfile(profiles[0]);
const business = parseProfile(profiles[2]);
const minsk = (local: string) => new Date(`${local}+03:00`).getTime();
const fresh = { ...NOTHING_OWED, targets: standard.targets.P1 }; // response 30m

describe('client not yet told', () => {
  it('only a reached call tells the client; busy is an outcome', () => {
    expect(CALL_OUTCOMES).toContain('busy');
    expect(CALL_OUTCOMES.filter(tellsClient)).toEqual(['reached']);
    expect(tellsClient(undefined)).toBe(false);
  });

  it('a new notice is owed from now, due one response target later (24x7)', () => {
    const now = minsk('2026-11-25T12:00');
    expect(tellOwed(fresh, 'eta', now, always)).toEqual({
      tellKind: 'eta',
      tellSince: now,
      tellDue: now + 30 * M,
    });
  });

  it('on business hours the due time is counted in the contract calendar: Friday 17:30 → Monday 09:30', async () => {
    const calendar = await loadCalendar(business.coverage);
    const t = { ...NOTHING_OWED, targets: business.targets.P1 }; // response 1 business hour
    const owed = tellOwed(t, 'restored', minsk('2026-11-27T17:30'), calendar);
    expect(owed.tellDue).toBe(minsk('2026-11-30T09:30'));
  });

  it('a notice already owed keeps its earliest start and due time and takes the latest kind', () => {
    const first = tellOwed(fresh, 'eta', minsk('2026-11-25T12:00'), always);
    const second = tellOwed({ ...fresh, ...first }, 'extended', minsk('2026-11-25T13:00'), always);
    expect(second).toEqual({ tellKind: 'extended', tellSince: first.tellSince, tellDue: first.tellDue });
  });

  it.each([
    // owed before, notice kind, reached → after (null: no change)
    ['nothing', 'eta', true, null],
    ['nothing', 'update', false, null],
    ['nothing', 'eta', false, 'eta'],
    ['nothing', 'restored', false, 'restored'],
    ['eta', 'update', true, 'cleared'],
    ['eta', 'extended', true, 'cleared'],
    ['eta', 'extended', false, 'extended'],
    ['eta', 'update', false, null],
  ] as const)('owed %s, %s notice, reached %s → %s', (before, kind, reached, after) => {
    const now = minsk('2026-11-25T12:00');
    const t = before === 'nothing' ? fresh : { ...fresh, ...tellOwed(fresh, before, now - 60 * M, always) };
    const result = tellAfterNotice(t, { kind, reached }, now, always);
    if (after === null) expect(result).toBeNull();
    else if (after === 'cleared') expect(result).toEqual(NOTHING_OWED);
    else expect(result?.tellKind).toBe(after);
  });

  it('a delivered e-mail tells the client only if it is a client notice written since the notice was owed', () => {
    const since = minsk('2026-11-25T12:00');
    const owed = tellOwed(fresh, 'eta', since, always);
    expect(deliveryTells(owed, { kind: 'eta', createdAt: since })).toBe(true);
    expect(deliveryTells(owed, { kind: 'update', createdAt: since + M })).toBe(true);
    expect(deliveryTells(owed, { kind: 'restored', createdAt: since + M })).toBe(true);
    expect(deliveryTells(owed, { kind: 'update', createdAt: since - M })).toBe(false); // older news
    expect(deliveryTells(owed, { kind: 'opened', createdAt: since })).toBe(false);
    expect(deliveryTells(owed, { kind: 'jobsheet', createdAt: since })).toBe(false);
    expect(deliveryTells(NOTHING_OWED, { kind: 'eta', createdAt: since })).toBe(false);
  });
});

describe('the call-back day told to the client', () => {
  it.each([
    // due (Minsk), said at (Minsk), en, ru
    ['2026-11-25T12:30', '2026-11-25T12:00', 'by 12:30', 'до 12:30'],
    ['2026-11-26T00:15', '2026-11-25T23:50', 'tomorrow by 00:15', 'завтра до 00:15'],
    ['2026-11-30T09:30', '2026-11-27T19:00', 'on Monday by 09:30', 'в понедельник до 09:30'],
    ['2026-12-01T09:30', '2026-11-27T19:00', 'on Tuesday by 09:30', 'во вторник до 09:30'],
    ['2027-01-05T10:00', '2026-12-29T19:00', 'on 5 January by 10:00', '5 января до 10:00'],
  ])('due %s, said %s', (due, now, en, ru) => {
    expect(callBackWhen(minsk(due), minsk(now), 'en', 'Europe/Minsk')).toBe(en);
    expect(callBackWhen(minsk(due), minsk(now), 'ru', 'Europe/Minsk')).toBe(ru);
  });

  it("counts days in the client's time zone, not the operator's", () => {
    // 23:30 in Minsk is already tomorrow in Vladivostok (UTC+10): due 01:00 Minsk is "today" there.
    const now = minsk('2026-11-25T23:30');
    const due = minsk('2026-11-26T01:00');
    expect(callBackWhen(due, now, 'en', 'Europe/Minsk')).toBe('tomorrow by 01:00');
    expect(callBackWhen(due, now, 'en', 'Asia/Vladivostok')).toBe('by 08:00');
  });
});

describe('a moment as said in a phone script', () => {
  it.each([
    // at (Minsk), said at (Minsk), en, ru
    ['2026-11-25T18:30', '2026-11-25T12:00', 'today at 18:30', 'сегодня в 18:30'],
    ['2026-11-26T00:15', '2026-11-25T23:50', 'tomorrow at 00:15', 'завтра в 00:15'],
    ['2026-11-24T23:40', '2026-11-25T00:10', 'yesterday at 23:40', 'вчера в 23:40'],
    ['2026-11-30T09:30', '2026-11-27T19:00', 'on Monday at 09:30', 'в понедельник в 09:30'],
    ['2026-12-20T10:00', '2026-11-27T19:00', 'on 20 December at 10:00', '20 декабря в 10:00'],
    ['2027-01-05T10:00', '2026-12-29T19:00', 'on 5 January 2027 at 10:00', '5 января 2027 г. в 10:00'],
    ['2026-11-20T10:00', '2026-11-25T12:00', 'on 20 November at 10:00', '20 ноября в 10:00'],
  ])('%s, said %s', (at, now, en, ru) => {
    expect(spokenAt(minsk(at), minsk(now), 'en', 'Europe/Minsk')).toBe(en);
    expect(spokenAt(minsk(at), minsk(now), 'ru', 'Europe/Minsk')).toBe(ru);
  });
});
