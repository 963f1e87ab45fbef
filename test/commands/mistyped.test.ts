// A mistyped subcommand of a command that also runs on its own (`hd sla reprot`, `hd dispatch
// updat`, `hd outbox snd`) is named as an unknown command with commander's suggestion, in both
// languages; `hd sla help` and `hd help sla report` show the help asked for.
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/context.ts';

async function usage(lang: 'en' | 'ru', args: string[]) {
  const h = await harness({ lang });
  const code = await h.run(args);
  return { code, out: h.stdout(), err: h.stderr().replace(/\s+/g, ' ') };
}

describe('a mistyped subcommand', () => {
  it.each([
    [['sla', 'reprot'], "unknown command 'reprot' (Did you mean report?) (see hd sla --help)"],
    [['dispatch', 'updat'], "unknown command 'updat' (Did you mean update?) (see hd dispatch --help)"],
    [['outbox', 'snd'], "unknown command 'snd' (Did you mean send?) (see hd outbox --help)"],
    [['dispatch', 'nowhere'], "unknown command 'nowhere' (see hd dispatch --help)"],
    [['lst'], "unknown command 'lst' (Did you mean list?) (see hd --help)"],
  ])('hd %j in English', async (args, want) => {
    const r = await usage('en', args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(want);
  });

  it.each([
    [['sla', 'reprot'], 'неизвестная команда «reprot» (Может быть, report?) (см. hd sla --help)'],
    [['dispatch', 'updat'], 'неизвестная команда «updat» (Может быть, update?)'],
    [['outbox', 'snd'], 'неизвестная команда «snd» (Может быть, send?)'],
    [['lst'], 'неизвестная команда «lst» (Может быть, list?) (см. hd --help)'],
    [['client', 'ad'], 'неизвестная команда «ad» (Может быть, add?) (см. hd client --help)'],
  ])('hd %j in Russian keeps the suggestion', async (args, want) => {
    const r = await usage('ru', args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(want);
  });

  it('still counts the arguments of a command that runs on its own', async () => {
    const r = await usage('en', ['dispatch', '1', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("too many arguments for 'dispatch'. Expected 1 argument but got 2.");
    expect((await usage('en', ['dispatch', 'HD-x1'])).err).toContain('is not a ticket number');
  });

  it('hd outbox with flags still lists', async () => {
    expect((await usage('en', ['outbox', '--status', 'failed'])).code).toBe(0);
  });
});

describe('help of what was asked', () => {
  it.each([
    [['sla', 'help'], 'Usage: hd sla [options]'],
    [['dispatch', 'help'], 'Usage: hd dispatch [options]'],
    [['sla', 'help', 'report'], 'Usage: hd sla report [options]'],
    [['help', 'sla', 'report'], 'Usage: hd sla report [options]'],
    [['help', 'dispatch', 'update'], 'Usage: hd dispatch update [options]'],
  ])('hd %j', async (args, want) => {
    const r = await usage('en', args);
    expect(r.code).toBe(0);
    expect(r.out).toContain(want);
  });

  it('in Russian', async () => {
    const r = await usage('ru', ['help', 'sla', 'report']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Использование: hd sla report');
  });
});
