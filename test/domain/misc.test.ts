import { describe, expect, it } from 'vitest';
import profiles from '../../data/profiles.json' with { type: 'json' };
import questions from '../../data/questionnaire.json' with { type: 'json' };
import type { IO } from '../../src/context.ts';
import { normalizeEmail, normalizePhone } from '../../src/domain/contact.ts';
import { missingAnswers, parseAnswerFlags, type Question } from '../../src/domain/intake.ts';
import { parseProfile } from '../../src/domain/profile.ts';
import { GroupTally, judge, percentiles, type ReportTicket } from '../../src/domain/report.ts';
import { formatTicketNumber, parseTicketNumber } from '../../src/domain/ticket-number.ts';
import { type FdSystem, fdOutput } from '../../src/ui/fd-output.ts';
import { printJson, printJsonList, printJsonStream } from '../../src/ui/output.ts';
import { sanitize, sanitizeLine, stripUnsafe } from '../../src/ui/text.ts';

describe('ticket numbers', () => {
  it.each([
    ['HD-000123', 123],
    ['hd-123', 123],
    ['123', 123],
    ['HD000042', 42],
  ])('%s → %d', (text, id) => expect(parseTicketNumber(text)).toBe(id));
  it.each(['', 'HD-', 'abc', '0', '-5', '12a'])('refuses "%s"', (text) =>
    expect(() => parseTicketNumber(text)).toThrow(/HD-000123 or just 123/),
  );
  it('formats with six digits', () => expect(formatTicketNumber(7)).toBe('HD-000007'));
});

describe('contacts', () => {
  it.each([
    ['+375 29 611-24-87', '+375296112487'],
    ['029 611-24-87', '+375296112487'],
    ['8 029 611 24 87', '+375296112487'],
    ['+375 17 366-04-12', '+375173660412'],
  ])('phone %s → %s', async (text, e164) => expect(await normalizePhone(text)).toBe(e164));
  it.each(['12345', '+375 29 611', 'call me', ''])('refuses phone "%s"', async (text) =>
    expect(normalizePhone(text)).rejects.toThrow(/not a valid phone number/),
  );
  it('e-mail is checked and lower-cased', () => {
    expect(normalizeEmail(' NOC@Example.BY ')).toBe('noc@example.by');
    for (const bad of ['noc@', 'noc example.by', 'a@b', '<a@b.by>'])
      expect(() => normalizeEmail(bad)).toThrow(/not a valid e-mail/);
  });
});

describe('intake answers', () => {
  const q = questions as Question[];
  it('accepts values and labels, and lists what is missing', () => {
    const answers = parseAnswerFlags(['since=14:20', 'symptom=No service at all'], q);
    expect(answers).toEqual({ since: '14:20', symptom: 'no-service' });
    expect(missingAnswers(q, answers).map((x) => x.key)).toEqual(['scope']);
  });
  it('refuses unknown keys and choices', () => {
    expect(() => parseAnswerFlags(['colour=red'], q)).toThrow(/does not name a question.*since, symptom/);
    expect(() => parseAnswerFlags(['scope=planet'], q)).toThrow(/one-site, several-sites, all-sites/);
    expect(() => parseAnswerFlags(['no-equals-sign'], q)).toThrow(/KEY=VALUE/);
  });
});

describe('rule profiles', () => {
  it('the shipped profiles parse', () => {
    expect(profiles.map((p) => parseProfile(p).name)).toEqual([
      'standard-24x7',
      'premium-24x7',
      'business-8x5',
    ]);
    expect(parseProfile(profiles[0]).targets.P1.restore).toBe(4 * 3_600_000);
  });
  const base = profiles[0] as Record<string, unknown>;
  it.each([
    [{ ...base, targets: { ...(base.targets as object), P4: undefined } }, /targets\.P4: is missing/],
    [
      {
        ...base,
        targets: { ...(base.targets as object), P3: { response: '-4h', update: '1h', restore: '1d' } },
      },
      /targets\.P3\.response: "-4h" is not a duration/,
    ],
    [
      { ...base, coverage: { type: '24x7', timezone: 'Mars/Olympus' } },
      /coverage\.timezone: "Mars\/Olympus" is not a time zone/,
    ],
    [
      { ...base, coverage: { type: 'business', start: '18:00', end: '09:00' } },
      /coverage\.end: must be later/,
    ],
    [{ ...base, name: 'Bad Name' }, /^name: must be lower-case/],
  ])('points at the wrong field (%#)', (profile, message) =>
    expect(() => parseProfile(profile)).toThrow(message),
  );
});

describe('terminal safety', () => {
  it('the output filter keeps colour and text, drops everything that drives the terminal', () => {
    expect(stripUnsafe('\u001b[1m\u001b[31mP1\u001b[39m\u001b[22m ok\n')).toBe(
      '\u001b[1m\u001b[31mP1\u001b[39m\u001b[22m ok\n',
    );
    expect(stripUnsafe('a\u001b]0;pwned\u0007b\u001b[2Jc\u001b[10;10Hd\u001bce\u0007\u0008\u009b')).toBe(
      'abcde',
    );
    expect(stripUnsafe('tab\tand\r\nnewline, Кириллица')).toBe('tab\tand\nnewline, Кириллица');
    expect(stripUnsafe('cut off \u001b[')).toBe('cut off ');
    expect(stripUnsafe('cut off \u001b')).toBe('cut off ');
  });

  it('strips escape sequences and controls but keeps text', () => {
    expect(sanitize('a\u001b]0;pwned\u0007b\u001b[2Jc\u001b[31mred\u001b[0m')).toBe('abcred');
    expect(sanitize('line1\nline2\tx\u0000\u0008y\u009b31m')).toBe('line1\nline2\txy');
    expect(sanitizeLine('a\nb\tc')).toBe('a b c');
    expect(sanitize('Кириллица — ok')).toBe('Кириллица — ok');
  });
});

describe('report arithmetic', () => {
  it('nearest-rank percentiles, numeric order, one sort for several', () => {
    expect(percentiles([], [50, 90])).toEqual([null, null]);
    expect(percentiles([7], [50, 90])).toEqual([7, 7]);
    // Numeric, not string order: 100 is the largest.
    expect(percentiles([100, 9, 20, 3], [25, 50, 75, 100])).toEqual([3, 9, 20, 100]);
    expect(percentiles([10, 80, 5, 120, 60, 30, 45, 90, 15, 25], [50, 90])).toEqual([30, 90]);
  });

  it('a tally counts each ticket once, skips cancelled ones, and judges met and missed', () => {
    const H = 3_600_000;
    const base = {
      openedAt: 0,
      pausedMs: 0,
      onsiteAt: null,
      hardwareAt: null,
      closedAt: null,
      eta: null,
      pendingSince: null,
      pendingUntil: null,
      tellDue: null,
      tellKind: null,
      deadlines: { response: H, update: null, restore: 4 * H, onsite: null, hardware: null, confirm: null },
    };
    const tickets: ReportTicket[] = [
      { ...base, id: 1, status: 'resolved', respondedAt: H / 2, restoredAt: 2 * H },
      { ...base, id: 2, status: 'resolved', respondedAt: 2 * H, restoredAt: 5 * H },
      { ...base, id: 3, status: 'cancelled', respondedAt: null, restoredAt: null },
      { ...base, id: 4, status: 'inProgress', respondedAt: H / 4, restoredAt: null },
    ];
    const tally = new GroupTally('P1');
    const breaches = tickets.flatMap((t) => {
      const j = judge(t, 10 * H);
      tally.add(j);
      return j.breaches.map((b) => `${b.ticketId} ${b.kind} ${b.lateMinutes} ${b.open}`);
    });
    expect(breaches).toEqual(['2 response 60 false', '2 restore 60 false', '4 restore 360 true']);
    const stats = tally.stats();
    expect(stats.tickets).toBe(3);
    expect(stats.targets.response).toEqual({ judged: 3, met: 2, pct: 66.7 });
    expect(stats.targets.restore).toEqual({ judged: 3, met: 1, pct: 33.3 });
    expect(stats.responseMinutes).toEqual({ median: 30, p90: 120 });
    expect(stats.restoreMinutes).toEqual({ median: 120, p90: 300 });
  });
});

describe('streamed JSON', () => {
  const capture = () => {
    const parts: string[] = [];
    const io = { stdout: { write: (s: string) => parts.push(s) } } as unknown as IO;
    return { io, text: () => parts.join('') };
  };
  it.each([0, 1, 2500])('is the same text as printJson for %d rows', async (n) => {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: i,
      name: `row "${i}"\n`,
      tags: ['a', { b: i }],
    }));
    const streamed = capture();
    await printJsonStream(
      streamed.io,
      { at: 'now', nested: { x: [1, 2] } },
      'rows',
      rows,
      (r) => r,
      () => ({
        total: n,
        last: { done: true },
      }),
    );
    const whole = capture();
    printJson(whole.io, { at: 'now', nested: { x: [1, 2] }, rows, total: n, last: { done: true } });
    expect(streamed.text()).toBe(whole.text());
  });

  it.each([0, 1, 2500])('as a top-level list is the same text as printJson for %d rows', async (n) => {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: i,
      name: `row "${i}"\u202e\n`,
      tags: ['a', { b: i }],
    }));
    async function* one() {
      yield* rows;
    }
    const streamed = capture();
    expect(await printJsonList(streamed.io, one(), (r) => ({ ...r, twice: r.id * 2 }))).toBe(n);
    const whole = capture();
    printJson(
      whole.io,
      rows.map((r) => ({ ...r, twice: r.id * 2 })),
    );
    expect(streamed.text()).toBe(whole.text());
  });
});

describe('stdout and stderr', () => {
  /** A fake descriptor: takes at most `chunk` bytes a call, then fails with `failWith` after `failAfter`. */
  const fake = ({ tty = false, chunk = 4, failAfter = Infinity, failWith = 'EAGAIN' } = {}) => {
    const direct: Buffer[] = [];
    const streamed: Buffer[] = [];
    let written = 0;
    let closed = 0;
    const sys: FdSystem = {
      isatty: () => tty,
      writeSync: (_fd, data, offset) => {
        if (written >= failAfter) throw Object.assign(new Error(failWith), { code: failWith });
        const n = Math.min(chunk, data.length - offset, failAfter - written);
        direct.push(Buffer.from(data.subarray(offset, offset + n)));
        written += n;
        return n;
      },
      stream: () => ({ write: (data: Uint8Array) => streamed.push(Buffer.from(data)) }),
      closed: () => void closed++,
    };
    return {
      sys,
      direct: () => Buffer.concat(direct).toString(),
      streamed: () => Buffer.concat(streamed).toString(),
      closed: () => closed,
    };
  };

  it('a pipe or file is written straight to the descriptor, partial writes included, cleaned', () => {
    const f = fake();
    const out = fdOutput(1, f.sys);
    out.write('HD-000001\tКириллица\n');
    out.write('\u001b]0;pwned\u0007done\n');
    expect(f.direct()).toBe('HD-000001\tКириллица\ndone\n');
    expect(f.streamed()).toBe('');
  });

  it('a non-blocking pipe (EAGAIN) hands the rest, and all later output, to the stream in order', () => {
    const f = fake({ failAfter: 6 });
    const out = fdOutput(1, f.sys);
    out.write('first line\n');
    out.write('second\n');
    expect(f.direct()).toBe('first ');
    expect(f.streamed()).toBe('line\nsecond\n');
  });

  it('a terminal gets the stream; a closed reader (EPIPE) ends quietly; other errors are raised', () => {
    const tty = fake({ tty: true });
    fdOutput(2, tty.sys).write('\u001b[2Jhello');
    expect([tty.direct(), tty.streamed()]).toEqual(['', 'hello']);
    const gone = fake({ failAfter: 0, failWith: 'EPIPE' });
    expect(fdOutput(1, gone.sys).write('x')).toBe(false);
    expect(gone.closed()).toBe(1);
    const bad = fake({ failAfter: 0, failWith: 'EBADF' });
    expect(() => fdOutput(1, bad.sys).write('x')).toThrow('Cannot write to the output (EBADF).');
  });
});
