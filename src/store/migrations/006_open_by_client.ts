// Measured at a million tickets:
// - `hd list --client X` read each of the client's tickets from the table to test its status;
//   open tickets per client, in list order, now come from one index.
// - SLA scans re-checked `status IN (…)` / `… IS NULL` against each table row: every SLA index
//   now carries the columns of its scope, so the scans never leave the index.
// - `hd sla --overdue` then reads the due tickets from a compact index of open tickets instead of
//   the full rows (descriptions, intake answers).
import { SLA_COLUMNS, SLA_SCOPES } from './002_sla_indexes.ts';

export const SCOPE_COLUMNS: Record<keyof typeof SLA_SCOPES, string> = {
  response: 'priority, status, responded_at',
  update: 'priority, status',
  eta: 'priority, status',
  restore: 'priority, status, restored_at',
  onsite: 'priority, status, onsite_at',
  hardware: 'priority, status, hardware_at',
  confirm: 'priority, status',
  pendingUntil: 'priority, status',
};

const OPEN_SLA_COLUMNS =
  'id, status, priority, assignee, client_id, eta, responded_at, restored_at, onsite_at, hardware_at, pending_until, ' +
  'response_due, update_due, restore_due, onsite_due, hardware_due, confirm_due';

export default [
  `CREATE INDEX tickets_open_by_client ON tickets (client_id, priority, restore_due)
     WHERE status NOT IN ('closed', 'cancelled');`,
  ...Object.entries(SLA_SCOPES).flatMap(([kind, scope]) => [
    `DROP INDEX tickets_sla_${kind};`,
    `CREATE INDEX tickets_sla_${kind} ON tickets (${SLA_COLUMNS[kind as keyof typeof SLA_COLUMNS]}, ${SCOPE_COLUMNS[kind as keyof typeof SLA_SCOPES]}) WHERE ${scope};`,
  ]),
  `CREATE INDEX tickets_open_sla ON tickets (${OPEN_SLA_COLUMNS}) WHERE status NOT IN ('closed', 'cancelled');`,
].join('\n');
