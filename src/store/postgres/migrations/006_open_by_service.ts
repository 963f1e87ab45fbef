// The open ticket of a service, for intake: the index SQLite migration 15 builds (see its comments).
export default `
CREATE INDEX tickets_open_by_service ON tickets (service_id, id) WHERE status NOT IN ('closed', 'cancelled');
`;
