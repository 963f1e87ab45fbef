// Pauses never hide a breach: a pausable deadline (client update, restore, on-site, hardware)
// that had already passed when the ticket went pending stays in its SLA index while pending, so
// `hd sla --overdue`, --fail-on-overdue and the hand-over keep listing it. The ETA index now
// leaves out restored tickets and carries restored_at; the confirmation index carries closed_at;
// "client not yet told" gets its index, with tell_kind so a breach row names what is owed.
// The scopes are those of src/domain/deadlines.ts (test/store/deadlines-sql.test.ts compares
// them with sqlite_master). The response and pending-until indexes are unchanged.
export default `
DROP INDEX tickets_sla_update;
CREATE INDEX tickets_sla_update ON tickets (update_due, priority, status, pending_since, client_id, assignee) WHERE (status IN ('acknowledged', 'inProgress') OR (status = 'pending' AND update_due < pending_since));
DROP INDEX tickets_sla_eta;
CREATE INDEX tickets_sla_eta ON tickets (eta, priority, status, restored_at, client_id, assignee) WHERE restored_at IS NULL AND status IN ('acknowledged', 'inProgress', 'pending');
DROP INDEX tickets_sla_restore;
CREATE INDEX tickets_sla_restore ON tickets (restore_due, priority, status, restored_at, pending_since, client_id, assignee) WHERE restored_at IS NULL AND (status IN ('acknowledged', 'inProgress') OR (status = 'pending' AND restore_due < pending_since));
DROP INDEX tickets_sla_onsite;
CREATE INDEX tickets_sla_onsite ON tickets (onsite_due, priority, status, onsite_at, pending_since, client_id, assignee) WHERE onsite_at IS NULL AND (status IN ('acknowledged', 'inProgress') OR (status = 'pending' AND onsite_due < pending_since));
DROP INDEX tickets_sla_hardware;
CREATE INDEX tickets_sla_hardware ON tickets (hardware_due, priority, status, hardware_at, pending_since, client_id, assignee) WHERE hardware_at IS NULL AND (status IN ('acknowledged', 'inProgress') OR (status = 'pending' AND hardware_due < pending_since));
DROP INDEX tickets_sla_confirm;
CREATE INDEX tickets_sla_confirm ON tickets (confirm_due, priority, status, closed_at, client_id, assignee) WHERE closed_at IS NULL AND status = 'resolved';
CREATE INDEX tickets_sla_told ON tickets (tell_due, priority, status, client_id, assignee, tell_kind) WHERE tell_due IS NOT NULL AND status IN ('acknowledged', 'inProgress', 'pending', 'resolved');
`;
