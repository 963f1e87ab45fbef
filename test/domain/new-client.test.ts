import { describe, expect, it } from 'vitest';
import {
  clientName,
  contactGaps,
  contractNo,
  cpeModel,
  possibleChannels,
  serviceId,
  siteAddress,
} from '../../src/domain/new-client.ts';

describe('a new client, as hd client add and hd open check it', () => {
  const flag = (what: string, f: string) => ({ what, flag: f });

  it('names the flag on the command line, and only the field on a terminal', () => {
    expect(() => clientName('  ', flag('The client name', '--name'))).toThrow(
      'The client name cannot be empty: give --name TEXT.',
    );
    expect(() => clientName('', { what: 'The client name' })).toThrow(/^The client name cannot be empty\.$/);
    expect(() => contractNo('C 1', flag('The contract number', '--contract'))).toThrow(
      'The contract number (--contract) "C 1" is not an identifier',
    );
    expect(() => contractNo('C 1', { what: 'The contract number' })).toThrow(
      /^The contract number "C 1" is not an identifier/,
    );
  });

  it.each([
    [() => clientName('Minsk\tBakery', { what: 'The client name' }), 'contains a control character'],
    [() => contractNo('C-'.repeat(26), { what: 'The contract number' }), 'the limit is 50'],
    [() => serviceId('MSK/DIA 1', { what: 'The service ID' }), 'is not an identifier'],
    [() => siteAddress('x'.repeat(501), { what: 'The site address' }), 'the limit is 500'],
  ])('refuses what hd client add refuses (%#)', (check, message) => {
    expect(check).toThrow(message);
  });

  it('trims what it keeps; an empty CPE model is none', () => {
    expect(clientName('  Minsk Bakery ', { what: 'x' })).toBe('Minsk Bakery');
    expect(contractNo(' C-2026-0001 ', { what: 'x' })).toBe('C-2026-0001');
    expect(cpeModel('  ', { what: 'x' })).toBeNull();
    expect(cpeModel(' hEX ', { what: 'x' })).toBe('hEX');
  });

  it.each([
    [null, null, 'phone', ['phoneOrEmail']],
    ['+375291234567', null, 'phone', []],
    ['+375291234567', null, 'email', ['email']],
    ['+375291234567', null, 'both', ['email']],
    [null, 'a@b.by', 'phone', ['phone']],
    [null, 'a@b.by', 'email', []],
    ['+375291234567', 'a@b.by', 'both', []],
  ] as const)('phone %s, e-mail %s, prefers %s: lacks %j', (phone, email, preferredChannel, gaps) => {
    expect(contactGaps({ phone, email, preferredChannel })).toEqual(gaps);
  });

  it('offers only the channels the contact can be reached by', () => {
    expect(possibleChannels('+375291234567', null)).toEqual(['phone']);
    expect(possibleChannels(null, 'a@b.by')).toEqual(['email']);
    expect(possibleChannels('+375291234567', 'a@b.by')).toEqual(['phone', 'email', 'both']);
  });
});
