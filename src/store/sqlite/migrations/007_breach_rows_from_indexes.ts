// Measured at a million tickets: `hd sla --overdue` found the breached tickets on the SLA indexes,
// then looked each one up (~9,000 lookups, ~35 ms) for its assignee and client. With those two
// columns in every SLA index, a breach row — and every filter of `hd sla` — is answered from the
// index alone, and the ticket lookup index of migration 006 has no reader left.
// Frozen: the literal SQL this migration ran when it was released.
export default `DROP INDEX tickets_sla_response;
CREATE INDEX tickets_sla_response ON tickets (response_due, priority, status, responded_at, client_id, assignee) WHERE responded_at IS NULL AND status IN ('acknowledged', 'inProgress', 'pending');
DROP INDEX tickets_sla_update;
CREATE INDEX tickets_sla_update ON tickets (update_due, priority, status, client_id, assignee) WHERE status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_eta;
CREATE INDEX tickets_sla_eta ON tickets (eta, priority, status, client_id, assignee) WHERE status IN ('acknowledged', 'inProgress', 'pending');
DROP INDEX tickets_sla_restore;
CREATE INDEX tickets_sla_restore ON tickets (restore_due, priority, status, restored_at, client_id, assignee) WHERE restored_at IS NULL AND status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_onsite;
CREATE INDEX tickets_sla_onsite ON tickets (onsite_due, priority, status, onsite_at, client_id, assignee) WHERE onsite_at IS NULL AND status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_hardware;
CREATE INDEX tickets_sla_hardware ON tickets (hardware_due, priority, status, hardware_at, client_id, assignee) WHERE hardware_at IS NULL AND status IN ('acknowledged', 'inProgress');
DROP INDEX tickets_sla_confirm;
CREATE INDEX tickets_sla_confirm ON tickets (confirm_due, priority, status, client_id, assignee) WHERE status = 'resolved';
DROP INDEX tickets_sla_pendingUntil;
CREATE INDEX tickets_sla_pendingUntil ON tickets (pending_until, priority, status, client_id, assignee) WHERE status = 'pending';
DROP INDEX tickets_open_sla;`;
