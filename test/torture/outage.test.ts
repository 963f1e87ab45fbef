// An outage with 500 linked tickets on SQLite: every ticket gets its event and its notice.
import { describe, it } from 'vitest';
import { harness } from '../helpers/context.ts';
import { fiveHundred, LINKED } from '../helpers/outage-500.ts';

describe('mass outage', () => {
  it(`hd outage eta and resolve on ${LINKED} linked tickets: each its own event and notice`, async () => {
    await fiveHundred(await harness({ now: '2026-11-25T09:00:00Z', operator: 'olga' }));
  }, 120_000);
});
