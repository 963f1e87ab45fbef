// hd import --format tmf621 (issue 16): the tickets brought in from another system or an older
// tool, by their identifier there (TMF621 externalIdentifier: owner = source, id). A line whose
// (source, external_id) is here already is skipped, so importing a file twice imports it once.
export default `
CREATE TABLE imported_tickets (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  source TEXT NOT NULL,
  external_id TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  UNIQUE (source, external_id)
) STRICT;
`;
