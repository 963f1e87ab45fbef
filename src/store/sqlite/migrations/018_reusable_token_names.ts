// A revoked token's name can be given again (hd token create): a department whose token leaked gets
// a new one under its own name, the actor on its events. The name is unique among live tokens only;
// revoked rows stay for the audit. SQLite drops a column's UNIQUE only by rebuilding the table
// (nothing references api_tokens).
export default `
CREATE TABLE api_tokens_new (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at INTEGER
) STRICT;
INSERT INTO api_tokens_new (id, name, scope, token_hash, created_at, created_by, revoked_at)
  SELECT id, name, scope, token_hash, created_at, created_by, revoked_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
`;
