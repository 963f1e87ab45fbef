// Measured at a million tickets: `hd sla --overdue` found the breached tickets on the SLA indexes,
// then looked each one up (~9,000 lookups, ~35 ms) for its assignee and client. With those two
// columns in every SLA index, a breach row — and every filter of `hd sla` — is answered from the
// index alone, and the ticket lookup index of migration 006 has no reader left.
import { SLA_COLUMNS, SLA_SCOPES } from './002_sla_indexes.ts';
import { SCOPE_COLUMNS } from './006_open_by_client.ts';

export default [
  ...Object.entries(SLA_SCOPES).flatMap(([kind, scope]) => [
    `DROP INDEX tickets_sla_${kind};`,
    `CREATE INDEX tickets_sla_${kind} ON tickets (${SLA_COLUMNS[kind as keyof typeof SLA_COLUMNS]}, ${SCOPE_COLUMNS[kind as keyof typeof SLA_SCOPES]}, client_id, assignee) WHERE ${scope};`,
  ]),
  'DROP INDEX tickets_open_sla;',
].join('\n');
