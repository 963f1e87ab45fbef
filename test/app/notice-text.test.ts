// noticeText: the event text naming how the client was (or is still to be) told, for every channel
// choice; a change with no call made yet never reads "call undefined".
import { describe, expect, it } from 'vitest';
import { type NoticeChoice, noticeText } from '../../src/app/notice.ts';

describe('noticeText', () => {
  it.each<[NoticeChoice, string]>([
    [{ via: 'phone', outcome: 'reached' }, 'client told by phone'],
    [{ via: 'both', outcome: 'reached' }, 'client told by phone and e-mail'],
    [{ via: 'phone', outcome: 'no-answer' }, 'call no-answer: client not yet told'],
    [{ via: 'both', outcome: 'no-answer' }, 'call no-answer, e-mail queued: client not yet told'],
    [{ via: 'phone' }, 'client not yet told: a call is owed'],
    [{ via: 'both' }, 'client not yet told: e-mail queued, a call is owed'],
    [{ via: 'email' }, 'client told by e-mail once it is delivered'],
    [{ via: 'none' }, 'client not yet told: a call is owed'],
    [{ skip: 'told on site' }, 'client not notified: told on site'],
  ])('%j → %s', (choice, text) => {
    expect(noticeText(choice, 'told')).toBe(text);
  });
});
