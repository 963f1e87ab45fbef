// Access tokens for `hd serve` (issue 16): one per department (noc, field-office, billing …).
// Only the SHA-256 of a token is kept; the token itself is shown once, by hd token create.
// scope read: GET only; write: everything. revoked_at set by hd token revoke (kept for the audit:
// the name is the actor on the events the token caused).
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
`;
