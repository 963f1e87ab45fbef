// One partial index per deadline, covering only the tickets for which it can still be breached,
// so `hd sla` reads a handful of index entries instead of the ticket history.
// Queries must repeat each WHERE clause exactly for SQLite to use the index.
export const SLA_SCOPES = {
  response: "responded_at IS NULL AND status IN ('acknowledged', 'inProgress', 'pending')",
  update: "status IN ('acknowledged', 'inProgress')",
  eta: "status IN ('acknowledged', 'inProgress', 'pending')",
  restore: "restored_at IS NULL AND status IN ('acknowledged', 'inProgress')",
  onsite: "onsite_at IS NULL AND status IN ('acknowledged', 'inProgress')",
  hardware: "hardware_at IS NULL AND status IN ('acknowledged', 'inProgress')",
  confirm: "status = 'resolved'",
  pendingUntil: "status = 'pending'",
} as const;

export const SLA_COLUMNS = {
  response: 'response_due',
  update: 'update_due',
  eta: 'eta',
  restore: 'restore_due',
  onsite: 'onsite_due',
  hardware: 'hardware_due',
  confirm: 'confirm_due',
  pendingUntil: 'pending_until',
} as const;

export default [
  ...Object.entries(SLA_SCOPES).map(
    ([kind, scope]) =>
      `CREATE INDEX tickets_sla_${kind} ON tickets (${SLA_COLUMNS[kind as keyof typeof SLA_COLUMNS]}) WHERE ${scope};`,
  ),
  'CREATE INDEX tickets_by_resolved ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;',
  'CREATE INDEX tickets_by_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;',
].join('\n');
