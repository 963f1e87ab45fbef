// Measured at a million tickets:
// - `hd list --client X` read each of the client's tickets from the table to test its status;
//   open tickets per client, in list order, now come from one index.
// - SLA scans re-checked `status IN (…)` / `… IS NULL` against each table row: every SLA index
//   now carries the columns of its scope, so the scans never leave the index.
// - `hd sla --overdue` then reads the due tickets from a compact index of open tickets instead of
//   the full rows (descriptions, intake answers).
// Frozen: the literal SQL this migration ran when it was released.
export default `CREATE INDEX tickets_open_by_client ON tickets (client_id, priority, restore_due)
     WHERE status NOT IN ('closed', 'cancelled');
DROP INDEX tickets_sla_response;
CREATE INDEX tickets_sla_response ON tickets (response_due, priority, status, responded_at) WHERE responded_at IS NULL AND status IN ('acknowledged', 'inProgress', 'pending');
DROP INDEX tickets_sla_update;
CREATE INDEX tickets_sla_update ON tickets (update_due, priority, status) WHERE status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_eta;
CREATE INDEX tickets_sla_eta ON tickets (eta, priority, status) WHERE status IN ('acknowledged', 'inProgress', 'pending');
DROP INDEX tickets_sla_restore;
CREATE INDEX tickets_sla_restore ON tickets (restore_due, priority, status, restored_at) WHERE restored_at IS NULL AND status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_onsite;
CREATE INDEX tickets_sla_onsite ON tickets (onsite_due, priority, status, onsite_at) WHERE onsite_at IS NULL AND status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_hardware;
CREATE INDEX tickets_sla_hardware ON tickets (hardware_due, priority, status, hardware_at) WHERE hardware_at IS NULL AND status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_confirm;
CREATE INDEX tickets_sla_confirm ON tickets (confirm_due, priority, status) WHERE status = 'resolved';
DROP INDEX tickets_sla_pendingUntil;
CREATE INDEX tickets_sla_pendingUntil ON tickets (pending_until, priority, status) WHERE status = 'pending';
CREATE INDEX tickets_open_sla ON tickets (id, status, priority, assignee, client_id, eta, responded_at, restored_at, onsite_at, hardware_at, pending_until, response_due, update_due, restore_due, onsite_due, hardware_due, confirm_due) WHERE status NOT IN ('closed', 'cancelled');`;
