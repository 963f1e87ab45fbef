import initial from './001_initial.ts';
import outages from './002_outages.ts';
import gaplessTicketNumbers from './003_gapless_ticket_numbers.ts';
import apiTokens from './004_api_tokens.ts';
import eventHub from './005_event_hub.ts';
import openByService from './006_open_by_service.ts';
import importedTickets from './007_imported_tickets.ts';
import reusableTokenNames from './008_reusable_token_names.ts';

export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/** Every PostgreSQL schema change, in order. Append only: a released migration is never edited. */
export const postgresMigrations: PostgresMigration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'mass outages', sql: outages },
  { version: 3, name: 'gapless ticket numbers', sql: gaplessTicketNumbers },
  { version: 4, name: 'api tokens', sql: apiTokens },
  { version: 5, name: 'event hub', sql: eventHub },
  { version: 6, name: 'open tickets by service', sql: openByService },
  { version: 7, name: 'imported tickets', sql: importedTickets },
  { version: 8, name: 'reusable token names', sql: reusableTokenNames },
];
