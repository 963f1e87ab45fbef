// Access tokens for `hd serve` (issue 16): one per department (noc, field-office, billing …).
// Only the SHA-256 of a token is kept; the token itself is shown once, by hd token create.
// scope read: GET only; write: everything. revoked_at set by hd token revoke (kept for the audit:
// the name is the actor on the events the token caused). Two ticket indexes serve the API's list.
export default `
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at INTEGER
) STRICT;

-- GET /troubleTicket?status=…: the page (newest first) and X-Total-Count from the index, not a
-- scan of every ticket; lastUpdate.gt (monitoring polling for changes) likewise. The status index
-- is on lower(status), used only by the API's filter (store/api.ts): on (status, id) SQLite would
-- prefer it to the SLA queries' own partial indexes.
CREATE INDEX tickets_api_by_status ON tickets (lower(status), id);
CREATE INDEX tickets_by_updated ON tickets (updated_at);
`;
