import initial from './001_initial.ts';
import slaIndexes from './002_sla_indexes.ts';
import fieldService from './003_field_service.ts';
import outbox from './004_outbox.ts';
import coveringSla from './005_covering_sla_indexes.ts';
import openByClient from './006_open_by_client.ts';
import breachRows from './007_breach_rows_from_indexes.ts';
import clientNotYetTold from './008_client_not_yet_told.ts';
import lookupKeys from './009_lookup_keys.ts';
import outboxClaims from './010_outbox_claims.ts';
import pausesNeverHide from './011_pauses_never_hide_a_breach.ts';
import tamperEvident from './012_tamper_evident_log.ts';
import outages from './013_outages.ts';
import apiTokens from './014_api_tokens.ts';
import eventHub from './015_event_hub.ts';
import openByService from './016_open_by_service.ts';
import importedTickets from './017_imported_tickets.ts';
import reusableTokenNames from './018_reusable_token_names.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every schema change, in order. Append only: a released migration is never edited. */
export const migrations: Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'sla indexes', sql: slaIndexes },
  { version: 3, name: 'field service', sql: fieldService },
  { version: 4, name: 'outbox', sql: outbox },
  { version: 5, name: 'covering sla indexes', sql: coveringSla },
  { version: 6, name: 'open tickets by client, covering sla indexes', sql: openByClient },
  { version: 7, name: 'breach rows from the sla indexes', sql: breachRows },
  { version: 8, name: 'client not yet told', sql: clientNotYetTold },
  { version: 9, name: 'lookup keys', sql: lookupKeys },
  { version: 10, name: 'outbox claims with an owner', sql: outboxClaims },
  { version: 11, name: 'pauses never hide a breach', sql: pausesNeverHide },
  { version: 12, name: 'tamper-evident audit log', sql: tamperEvident },
  { version: 13, name: 'mass outages', sql: outages },
  { version: 14, name: 'api tokens', sql: apiTokens },
  { version: 15, name: 'event hub', sql: eventHub },
  { version: 16, name: 'open tickets by service', sql: openByService },
  { version: 17, name: 'imported tickets', sql: importedTickets },
  { version: 18, name: 'reusable token names', sql: reusableTokenNames },
];

export function checkMigrations(list: Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
