// hd agent start when it cannot start (issue 13, the fresh-eyes tester's findings 3 and 4): the
// latest error of its log quoted whole however often it fails (the log read from a byte offset,
// Russian text included), every line of the log stamped, and a bad folder said in one line.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hdAsync } from '../../helpers/e2e.ts';
import { TEST_ENV } from '../../helpers/postgres.ts';

/** A port nothing listens on: taken from the system, then let go. */
let url: string;
beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  url = `postgres://hd@127.0.0.1:${port}/x`;
});

const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

describe('hd agent start that fails', () => {
  it('quotes the latest error of its log whole, every time (Russian text in the log before it)', async () => {
    const runtime = mkdtempSync(join(tmpdir(), 'hd-agent-fail-'));
    const env = { ...TEST_ENV, XDG_RUNTIME_DIR: runtime, HD_LANG: 'ru' };
    const port = new URL(url).port;
    const error = `hd: нет связи с центральной базой данных 127.0.0.1:${port} (ECONNREFUSED) — проверьте HD_DB или сеть.`;
    for (let i = 0; i < 3; i++) {
      const r = await hdAsync(url, ['agent', 'start'], env);
      expect(r.code).toBe(1);
      const said = /^hd: hd agent не запустился; в его журнале (\S+\.log):\s+(.*)\n$/.exec(r.stderr);
      expect(said, r.stderr).not.toBeNull();
      expect(said![2]!.replace(STAMP, '')).toBe(error);
      expect(said![2]).toMatch(STAMP);
    }
    const logs = readdirSync(join(runtime, 'hd')).filter((f) => f.endsWith('.log'));
    expect(logs).toHaveLength(1);
    const lines = readFileSync(join(runtime, 'hd', logs[0]!), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(STAMP);
      expect(line.replace(STAMP, '')).toBe(error);
    }
  }, 60_000);

  it('XDG_RUNTIME_DIR a file: one line naming the folder and what to do, no "unexpected error"', async () => {
    const runtime = join(mkdtempSync(join(tmpdir(), 'hd-agent-file-')), 'runtime');
    writeFileSync(runtime, 'a file');
    for (const [lang, text] of [
      [
        'en',
        `hd: cannot create the hd agent's folder ${runtime}/hd (ENOTDIR): set XDG_RUNTIME_DIR to a folder of yours (or unset it for ~/.cache/hd).`,
      ],
      [
        'ru',
        `hd: не удаётся создать папку hd agent ${runtime}/hd (ENOTDIR): укажите в XDG_RUNTIME_DIR свою папку (или уберите переменную — тогда ~/.cache/hd).`,
      ],
    ] as const) {
      for (const args of [
        ['agent', 'start'],
        ['agent', 'start', '--foreground'],
      ]) {
        const r = await hdAsync(url, args, { ...TEST_ENV, XDG_RUNTIME_DIR: runtime, HD_LANG: lang });
        expect([args, r.code]).toEqual([args, 1]);
        expect(r.stderr.replace(STAMP, '')).toBe(`${text}\n`);
      }
    }
  });
});
