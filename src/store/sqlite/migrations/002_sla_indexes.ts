// One partial index per deadline, covering only the tickets for which it can still be breached,
// so `hd sla` reads a handful of index entries instead of the ticket history.
// Queries must repeat each WHERE clause exactly for SQLite to use the index.
// Frozen: the literal SQL this migration ran when it was released.
export default `CREATE INDEX tickets_sla_response ON tickets (response_due) WHERE responded_at IS NULL AND status IN ('acknowledged', 'inProgress', 'pending');
CREATE INDEX tickets_sla_update ON tickets (update_due) WHERE status IN ('acknowledged', 'inProgress');
CREATE INDEX tickets_sla_eta ON tickets (eta) WHERE status IN ('acknowledged', 'inProgress', 'pending');
CREATE INDEX tickets_sla_restore ON tickets (restore_due) WHERE restored_at IS NULL AND status IN ('acknowledged', 'inProgress');
CREATE INDEX tickets_sla_onsite ON tickets (onsite_due) WHERE onsite_at IS NULL AND status IN ('acknowledged', 'inProgress');
CREATE INDEX tickets_sla_hardware ON tickets (hardware_due) WHERE hardware_at IS NULL AND status IN ('acknowledged', 'inProgress');
CREATE INDEX tickets_sla_confirm ON tickets (confirm_due) WHERE status = 'resolved';
CREATE INDEX tickets_sla_pendingUntil ON tickets (pending_until) WHERE status = 'pending';
CREATE INDEX tickets_by_resolved ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_by_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;`;
