// A revoked token's name can be given again: the shape SQLite migration 18 builds (see its comments).
export default `
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_name_key;
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
`;
