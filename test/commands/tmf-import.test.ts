// hd import --format tmf621: export → import into a fresh desk round-trips; idempotent by
// externalIdentifier; every bad line named and nothing imported; hd verify passes after it.
// test/postgres/commands/tmf-import.test.ts runs this file on PostgreSQL.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRows, dbRow, harness, type TestHarness } from '../helpers/context.ts';
import { richDesk } from '../helpers/copy-scenario.ts';
import { conformance } from '../helpers/tmf621.ts';

// biome-ignore lint/suspicious/noExplicitAny: TroubleTicket documents, checked against the TMF621 schemas
type Json = any;

const lines = (text: string): Json[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function exported(h: TestHarness): Promise<string> {
  expect(await h.run(['export', '--format', 'tmf621']), h.stderr()).toBe(0);
  return h.stdout();
}

/** What an import keeps of a ticket: everything but hd's own numbering, links and SLA figures. */
function kept(t: Json) {
  const chars = Object.fromEntries(
    t.troubleTicketCharacteristic
      .filter((c: Json) => !c.name.startsWith('sla.'))
      .map((c: Json) => [c.name, c.value]),
  );
  return {
    name: t.name,
    description: t.description,
    severity: t.severity,
    priority: t.priority,
    ticketType: t.ticketType,
    status: t.status,
    channel: t.channel,
    creationDate: t.creationDate,
    lastUpdate: t.lastUpdate,
    expectedResolutionDate: t.expectedResolutionDate,
    resolutionDate: t.resolutionDate,
    statusChangeDate: t.statusChangeDate,
    parties: t.relatedParty.map((p: Json) => [
      p.role,
      p.role === 'reporter' ? p.partyOrPartyRole.name : p.partyOrPartyRole.id,
    ]),
    relatedEntity: t.relatedEntity,
    history: t.statusChangeHistory.map((s: Json) => [s.status, s.statusChangeDate]),
    chars,
  };
}

const IMPORTED_AT = '2026-11-26T08:00:00Z';

/** Another system's (Remedy's) ticket for Evroopt's L2 link, as its export gives it; `more` on top. */
const remedyTicket = (identifier: Json, more: Json) => ({
  '@type': 'TroubleTicket',
  externalIdentifier: [{ owner: 'remedy', ...identifier }],
  description: 'Line down since the storm',
  severity: 'Major',
  ticketType: 'incident',
  creationDate: '2026-10-01T08:00:00Z',
  relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } }],
  relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }],
  ...more,
});

describe('hd import --format tmf621', () => {
  it('round-trips hd export into a fresh desk with the same clients; hd verify passes; a second import skips all', async () => {
    const { h } = await richDesk();
    const text = await exported(h);
    const original = lines(text);
    const fresh = await harness({ now: IMPORTED_AT, operator: 'migration' });
    expect(await fresh.run(['import', '--format', 'tmf621', '-'], { stdin: text }), fresh.stderr()).toBe(0);
    expect(fresh.stdout()).toBe('Imported 6 tickets (HD-000001 … HD-000006); skipped 0 already imported.\n');
    expect(await fresh.run(['verify']), fresh.stdout() + fresh.stderr()).toBe(0);
    const copies = lines(await exported(fresh));
    expect(copies).toHaveLength(6);
    copies.forEach((copy, i) => {
      expect(conformance('TroubleTicket', copy)).toEqual([]);
      expect(kept(copy), copy.id).toEqual(kept(original[i]));
      // Every note of the original is there, under its author and date.
      for (const n of original[i].note)
        expect(copy.note, `${copy.id}: ${n.text}`).toContainEqual(
          expect.objectContaining({ author: n.author, date: n.date, text: n.text }),
        );
      expect(copy.note).toContainEqual(
        expect.objectContaining({ author: 'migration', text: `Imported from tmf621 (${original[i].id})` }),
      );
    });
    const before = await countRows(fresh.store);
    expect(await fresh.run(['import', '--format', 'tmf621', '-'], { stdin: text })).toBe(0);
    expect(fresh.stdout()).toBe('Imported 0 tickets; skipped 6 already imported.\n');
    expect(await countRows(fresh.store)).toEqual(before);
  });

  it('another system’s ticket: externalIdentifier, rejected and held, a move hd makes in two steps; --json', async () => {
    const h = await harness({ now: IMPORTED_AT, operator: 'migration' });
    const ticket = (id: string, more: Json) => remedyTicket({ id, externalIdentifierType: 'incident' }, more);
    const file = join(mkdtempSync(join(tmpdir(), 'hd-import-')), 'remedy.jsonl');
    writeFileSync(
      file,
      [
        ticket('INC-1', {
          status: 'resolved',
          statusChangeDate: '2026-10-01T12:00:00Z',
          statusChangeReason: 'splice repaired',
          resolutionDate: '2026-10-01T11:30:00Z',
          troubleTicketCharacteristic: [{ name: 'faultZone', value: 'last-mile' }],
          relatedParty: [
            { role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } },
            { role: 'assignee', partyOrPartyRole: { name: 'Field team 2' } },
          ],
          note: [{ text: 'crew sent', author: 'dispatcher', date: '2026-10-01T09:00:00Z' }],
        }),
        ticket('INC-2', { status: 'rejected', statusChangeReason: 'not our network' }),
        ticket('INC-3', { status: 'held', statusChangeReason: 'waiting for site access' }),
      ]
        .map((t) => JSON.stringify(t))
        .join('\n'),
    );
    expect(await h.run(['import', '--format', 'tmf621', file, '--json']), h.stderr()).toBe(0);
    expect(JSON.parse(h.stdout())).toEqual({
      imported: 3,
      skipped: 0,
      tickets: ['HD-000001', 'HD-000002', 'HD-000003'],
    });
    expect(await h.run(['verify']), h.stdout() + h.stderr()).toBe(0);
    expect(
      await dbRow(
        h.store,
        'SELECT status, assignee, zone, restored_at, responded_at, resolved_at FROM tickets WHERE id = 1',
      ),
    ).toEqual({
      status: 'resolved',
      assignee: 'Field team 2',
      zone: 'last-mile',
      restored_at: Date.parse('2026-10-01T11:30:00Z'),
      // Taken when it was resolved: hd's lifecycle goes through inProgress.
      responded_at: Date.parse('2026-10-01T12:00:00Z'),
      resolved_at: Date.parse('2026-10-01T12:00:00Z'),
    });
    expect((await dbRow(h.store, 'SELECT opened_at FROM tickets WHERE id = 1'))?.opened_at).toBe(
      Date.parse('2026-10-01T08:00:00Z'),
    );
    expect(await dbRow(h.store, 'SELECT status, pending_reason FROM tickets WHERE id = 3')).toEqual({
      status: 'pending',
      pending_reason: 'waiting for site access',
    });
    expect((await dbRow(h.store, 'SELECT status FROM tickets WHERE id = 2'))?.status).toBe('cancelled');
    expect(
      await dbRow(h.store, 'SELECT source, external_id FROM imported_tickets WHERE ticket_id = 2'),
    ).toEqual({
      source: 'remedy',
      external_id: 'INC-2',
    });
    expect(await h.run(['import', '--format', 'tmf621', file])).toBe(0);
    expect(h.stdout()).toBe('Imported 0 tickets; skipped 3 already imported.\n');
    // No questionnaire was answered for it: no empty Intake heading.
    expect(await h.run(['show', '3']), h.stderr()).toBe(0);
    expect(h.stdout()).toContain('Timeline');
    expect(h.stdout()).not.toContain('Intake');
  });

  it('names every invalid line and imports nothing, the valid lines included', async () => {
    const { h } = await richDesk();
    const [first, second] = lines(await exported(h));
    const fresh = await harness({ now: IMPORTED_AT });
    const before = await countRows(fresh.store);
    const bad = [
      JSON.stringify(first),
      '{"@type": "TroubleTicket", "description": ',
      JSON.stringify(second),
      JSON.stringify({
        ...second,
        id: 'X-9',
        relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-0000-0000' } }],
      }),
      JSON.stringify({ ...second, id: 'X-10', status: 'done' }),
      JSON.stringify({ ...second, id: 'X-11', description: 42 }),
      '',
      JSON.stringify({ ...second, id: 'X-12', creationDate: '2027-01-01T00:00:00Z' }),
      JSON.stringify({ ...second, id: 'X-13', severity: 'Apocalyptic' }),
    ].join('\n');
    expect(await fresh.run(['import', '--format', 'tmf621', '-'], { stdin: bad })).toBe(1);
    const err = fresh.stderr();
    expect(err).toContain('Nothing was imported: 6 lines are invalid.');
    expect(err).toMatch(/line 2: not JSON/);
    expect(err).toContain('line 4: No client has the contract number "C-0000-0000"');
    expect(err).toMatch(/line 5: the TroubleTicket\/status must be equal to one of the allowed values/);
    expect(err).toContain('line 6: the TroubleTicket/description must be string');
    expect(err).toContain('line 8: creationDate 2027-01-01T00:00:00Z is in the future');
    expect(err).toContain('line 9: severity "Apocalyptic" is not one of Critical, Major, Minor, Warning');
    expect(err).not.toMatch(/line [137]:/);
    expect(fresh.stdout()).toBe('');
    expect(await countRows(fresh.store)).toEqual(before);
  });

  it('names a lifecycle error after a schema error: every line is checked fully', async () => {
    const h = await harness({ now: IMPORTED_AT, operator: 'migration' });
    const ticket = (id: string, more: Json) => remedyTicket({ id }, more);
    // cancelled, then inProgress: a cancelled ticket is final.
    const reopened = (id: string) =>
      ticket(id, {
        status: 'inProgress',
        statusChangeDate: '2026-10-01T10:00:00Z',
        statusChangeHistory: [
          { status: 'cancelled', statusChangeDate: '2026-10-01T09:00:00Z', statusChangeReason: 'duplicate' },
        ],
      });
    const before = await countRows(h.store);
    for (const order of [
      [ticket('INC-1', { severity: 42 }), reopened('INC-2')],
      [reopened('INC-2'), ticket('INC-1', { severity: 42 })],
    ]) {
      const text = order.map((t) => JSON.stringify(t)).join('\n');
      expect(await h.run(['import', '--format', 'tmf621', '-'], { stdin: text })).toBe(1);
      const err = h.stderr();
      expect(err).toContain('Nothing was imported: 2 lines are invalid.');
      const lifecycle = order[0]!.severity === 42 ? 2 : 1;
      expect(err).toMatch(
        new RegExp(`line ${lifecycle}: the status goes from cancelled to .*lifecycle does not allow`),
      );
      expect(err).toContain(`line ${3 - lifecycle}: the TroubleTicket/severity must be string`);
      expect(await countRows(h.store)).toEqual(before);
    }
  });

  it('names each invalid line on a line of its own, the first 20, then how many more', async () => {
    const h = await harness({ now: IMPORTED_AT });
    const before = await countRows(h.store);
    const bad = [
      'not json',
      ...Array.from({ length: 24 }, () => '{"@type": "TroubleTicket"}'),
      '{"@type": "TroubleTicket", "description": "x", "severity": "Apocalyptic", "ticketType": "incident"}',
    ].join('\n');
    expect(await h.run(['import', '--format', 'tmf621', '-'], { stdin: bad })).toBe(1);
    const err = h.stderr().split('\n');
    expect(err[0]).toBe('hd: Nothing was imported: 26 lines are invalid.');
    expect(err[1]).toMatch(
      /^line 1: not JSON \(.*\): each line is one TroubleTicket, a JSON object on one line, as hd export writes it$/,
    );
    for (let n = 2; n <= 20; n++)
      expect(err[n]).toBe(`line ${n}: the TroubleTicket must have required property 'description'`);
    expect(err.slice(21)).toEqual(['… and 6 more.', '']);
    expect(h.stdout()).toBe('');
    expect(await countRows(h.store)).toEqual(before);
  });

  it('refuses an unknown format, a missing file or format, and an empty input', async () => {
    const h = await harness({ now: IMPORTED_AT });
    const before = await countRows(h.store);
    const refused = async (args: string[], code: number, message: RegExp, stdin?: string) => {
      expect(await h.run(['import', ...args], stdin === undefined ? {} : { stdin })).toBe(code);
      expect(h.stderr()).toMatch(message);
    };
    await refused(
      ['--format', 'xml', 'x.xml'],
      2,
      /--format "xml" is not a format hd import knows; it reads: tmf621/,
    );
    await refused(['tickets.jsonl'], 2, /hd import needs --format tmf621/);
    await refused(
      ['--format', 'tmf621', '/nonexistent/tickets.jsonl'],
      1,
      /is not there \(no such file\).*Nothing was imported/,
    );
    await refused(['--format', 'tmf621', tmpdir()], 1, /is a folder/);
    await refused(['--format', 'tmf621', '-'], 1, /no TroubleTicket lines/, '\n\n');
    expect(await countRows(h.store)).toEqual(before);
  });

  it('shows its progress on a terminal for a large file, a line at each tenth', async () => {
    const h = await harness({ now: IMPORTED_AT, terminal: 100 });
    const long = 'x'.repeat(18_000);
    const file = join(mkdtempSync(join(tmpdir(), 'hd-import-')), 'big.jsonl');
    const ticket = (i: number) =>
      JSON.stringify({
        '@type': 'TroubleTicket',
        id: `OLD-${i}`,
        description: `old fault ${i}`,
        severity: 'Minor',
        ticketType: 'incident',
        creationDate: '2026-10-01T08:00:00Z',
        relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2022-0533' } }],
        relatedEntity: [{ role: 'affectedService', entity: { id: 'BRS-L2-00098' } }],
        note: Array.from({ length: 5 }, () => ({ text: long, date: '2026-10-01T09:00:00Z' })),
      });
    writeFileSync(file, Array.from({ length: 12 }, (_, i) => ticket(i + 1)).join('\n'));
    expect(await h.run(['import', '--format', 'tmf621', file]), h.stderr()).toBe(0);
    expect(h.stdout()).toBe('Imported 12 tickets (HD-000001 … HD-000012); skipped 0 already imported.\n');
    const bars = h.stderr().trim().split('\n');
    expect(bars.length).toBeGreaterThanOrEqual(5);
    expect(bars.at(-1)).toBe('hd import: ██████████ 100% (12 lines checked)');
    for (const bar of bars) expect(bar).toMatch(/^hd import: [█░]{10} \d+0% \(\d+ lines? checked\)$/);
    // Piped (not a terminal): no progress.
    const piped = await harness({ now: IMPORTED_AT });
    expect(await piped.run(['import', '--format', 'tmf621', file])).toBe(0);
    expect(piped.stderr()).toBe('');
  });
});
