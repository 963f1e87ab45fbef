// hd export --format tmf621: one TroubleTicket per line, exactly as GET /troubleTicket/{id}
// returns it; filters as hd list's; a file complete or not at all. test/postgres/commands/
// tmf-export.test.ts runs this file on PostgreSQL.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { richDesk } from '../helpers/copy-scenario.ts';
import { conformance } from '../helpers/tmf621.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('hd export --format tmf621', () => {
  it('writes every ticket, in number order, exactly as the API GETs it', async () => {
    const { h } = await richDesk();
    expect(await h.run(['export', '--format', 'tmf621']), h.stderr()).toBe(0);
    const docs = lines(h.stdout());
    expect(docs.map((d) => d.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `HD-00000${n}`));
    expect(h.stderr()).toBe('Exported 6 tickets (TMF621 TroubleTicket, one per line).\n');
    expect(await h.run(['token', 'create', '--name', 'archive', '--scope', 'read'])).toBe(0);
    const token = h.stdout().trim();
    const app = await buildServer(h.ctx, { host: '127.0.0.1', port: 0 });
    try {
      for (const doc of docs) {
        expect(conformance('TroubleTicket', doc)).toEqual([]);
        const res = await app.inject({
          method: 'GET',
          url: doc.href,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.statusCode).toBe(200);
        expect(doc).toEqual(res.json());
      }
    } finally {
      await app.close();
    }
    // Every status of the scenario is there, with its timeline.
    expect(docs.map((d) => d.status)).toEqual([
      'closed',
      'cancelled',
      'pending',
      'inProgress',
      'resolved',
      'acknowledged',
    ]);
    expect(docs[0].note.length).toBeGreaterThan(5);
  });

  it('--status and --since select as hd list does; --output writes the file', async () => {
    const { h } = await richDesk();
    expect(await h.run(['export', '--format', 'tmf621', '--status', 'resolved,closed'])).toBe(0);
    expect(lines(h.stdout()).map((d) => d.id)).toEqual(['HD-000001', 'HD-000005']);
    expect(await h.run(['export', '--format', 'TMF621', '--status', 'in progress'])).toBe(0);
    expect(lines(h.stdout()).map((d) => d.id)).toEqual(['HD-000004']);
    // Opened at 09:00; now is 10:30.
    expect(await h.run(['export', '--format', 'tmf621', '--since', '1h'])).toBe(0);
    expect(h.stdout()).toBe('');
    expect(h.stderr()).toContain('Exported 0 tickets');
    expect(await h.run(['export', '--format', 'tmf621', '--since', '2026-11-25'])).toBe(0);
    expect(lines(h.stdout())).toHaveLength(6);
    const file = join(mkdtempSync(join(tmpdir(), 'hd-export-')), 'archive.jsonl');
    expect(await h.run(['export', '--format', 'tmf621', '--status', 'cancelled', '--output', file])).toBe(0);
    expect(h.stdout()).toBe('');
    expect(h.stderr()).toBe(`Exported 1 ticket to ${file} (TMF621 TroubleTicket, one per line).\n`);
    expect(lines(readFileSync(file, 'utf8')).map((d) => d.id)).toEqual(['HD-000002']);
    expect(existsSync(`${file}.partial`)).toBe(false);
    // Only its owner may read it (clients' names and phones), whatever the umask.
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses an unknown or missing format, a bad status or time, an unwritable file; writes nothing', async () => {
    const { h } = await richDesk();
    const refused = async (args: string[], code: number, message: RegExp) => {
      expect(await h.run(['export', ...args])).toBe(code);
      expect(h.stderr()).toMatch(message);
      expect(h.stdout()).toBe('');
    };
    await refused(
      ['--format', 'csv'],
      2,
      /--format "csv" is not a format hd export knows; it writes: tmf621/,
    );
    await refused([], 2, /hd export needs --format tmf621/);
    await refused(['--format', 'tmf621', '--status', 'done'], 2, /Unknown status "done"/);
    await refused(['--format', 'tmf621', '--since', 'tomorrow'], 2, /is in the future/);
    const dir = mkdtempSync(join(tmpdir(), 'hd-export-'));
    await refused(
      ['--format', 'tmf621', '--output', join(dir, 'no', 'such', 'dir.jsonl')],
      1,
      /Cannot write/,
    );
  });
});
