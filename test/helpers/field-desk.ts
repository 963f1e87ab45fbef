// A desk with a field job under way, shared by the audit tests on both engines.
import { expect } from 'vitest';
import { harness, type TestHarness } from './context.ts';
import { BANK, EVROOPT, openArgs } from './fixtures.ts';

export const SKIP = ['--no-notify', '--skip-reason', 'test'];

export async function ok(h: TestHarness, args: string[]): Promise<void> {
  expect(await h.run(args), h.stderr()).toBe(0);
}

/** HD-000001 resolved with J-000001 on site (two SFPs reserved); HD-000002 just opened. */
export async function withOpenJob(path?: string): Promise<TestHarness> {
  const h = await harness({ operator: 'olga', ...(path ? { path } : {}) });
  await ok(h, openArgs(BANK, 'VPN down'));
  await ok(h, openArgs(EVROOPT, 'L2 link flapping'));
  h.setNow('2026-11-25T09:10:00Z');
  await ok(h, ['take', '1']);
  await ok(h, ['dispatch', '1', '--engineer', 'ivan petrov', '--spare', 'sfp-1g-lx:2']);
  h.setNow('2026-11-25T09:40:00Z');
  await ok(h, ['dispatch', 'update', 'J-000001', 'on-site']);
  await ok(h, ['resolve', '1', '--summary', 'SFP swapped', '--zone', 'cpe', ...SKIP]);
  return h;
}
