// Tickets brought in by hd import: the shape SQLite migration 16 builds (see its comments).
export default `
CREATE TABLE imported_tickets (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id),
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  imported_at BIGINT NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (source, external_id)
);
`;
