// api/schema-check.ts (hd import's check of a line) decides as the server's validator (ajv, which
// fastify runs on POST bodies) does on the same schemas: the same bodies pass, the same fail.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { schemaProblem } from '../../src/api/schema-check.ts';
import { CREATE_BODY, IMPORT_LINE, PATCH_BODY } from '../../src/api/schemas.ts';

const ajv = new Ajv({
  removeAdditional: false,
  coerceTypes: false,
  useDefaults: false,
  allErrors: false,
  strict: false,
});

const VALID = {
  '@type': 'TroubleTicket',
  description: 'BGP down',
  severity: 'Critical',
  ticketType: 'incident',
  relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C-2021-0147' } }],
  note: [{ text: 'alarm' }],
  troubleTicketCharacteristic: [{ name: 'urgency', value: 'high' }],
};

/** Variations of a valid body: each breaks (or keeps) one rule. */
function variants(): unknown[] {
  const out: unknown[] = [VALID, {}, [], 'text', null, 42];
  const fields = Object.keys(VALID) as (keyof typeof VALID)[];
  for (const f of fields) {
    const { [f]: _gone, ...rest } = VALID;
    out.push(rest);
    for (const v of [42, 'x', null, [], {}, true, [{}], [42], 'y'.repeat(30_000)])
      out.push({ ...VALID, [f]: v });
  }
  out.push({ ...VALID, unknown: 1 });
  out.push({ ...VALID, status: 'held' }, { ...VALID, status: 'done' });
  out.push({ ...VALID, note: Array.from({ length: 101 }, () => ({ text: 'n' })) });
  out.push({ ...VALID, relatedParty: [{ role: 'customer', partyOrPartyRole: { id: 'C', extra: 1 } }] });
  out.push({ ...VALID, note: [{ text: 'n', author: 5 }] });
  out.push({ ...VALID, creationDate: '2026-10-01T08:00:00Z' });
  out.push(
    { ...VALID, statusChangeHistory: [{ status: 'pending' }] },
    { ...VALID, statusChangeHistory: [{}] },
  );
  out.push(
    { ...VALID, externalIdentifier: [{ owner: 'remedy', id: 'INC-1' }] },
    { ...VALID, externalIdentifier: [{ owner: 'x' }] },
  );
  out.push(
    { ...VALID, name: '€'.repeat(1000) },
    { ...VALID, name: '€'.repeat(1001) },
    { ...VALID, name: '😀'.repeat(1000) },
  );
  return out;
}

describe('schemaProblem agrees with ajv', () => {
  it.each([
    ['POST', CREATE_BODY],
    ['PATCH', PATCH_BODY],
    ['import line', IMPORT_LINE],
  ])('%s', (_name, schema) => {
    const validate = ajv.compile(schema);
    let failing = 0;
    for (const body of variants()) {
      const ours = schemaProblem(schema as Record<string, unknown>, body);
      expect(ours === null, `${JSON.stringify(body).slice(0, 120)}: ${ours}`).toBe(validate(body));
      if (ours) failing++;
    }
    expect(failing).toBeGreaterThan(20);
  });

  it('names the field as the API does', () => {
    expect(schemaProblem(CREATE_BODY, { ...VALID, description: 42 })).toBe('body/description must be string');
    expect(schemaProblem(CREATE_BODY, { ...VALID, extra: 1 })).toBe(
      'body has the unknown field "extra"; unknown fields are refused',
    );
    expect(schemaProblem(IMPORT_LINE, VALID)).toBe("body must have required property 'creationDate'");
  });
});
