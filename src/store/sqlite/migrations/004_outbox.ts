// Outgoing e-mail. A message is written here in the same transaction as the event that caused
// it, then delivered by SMTP: it is never lost when the server is down, and a claim step makes
// sure two senders never deliver the same message.
export default `
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER REFERENCES tickets (id),
  kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at INTEGER NOT NULL,
  claimed_at INTEGER,
  claimed_by TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outbox_claimed ON outbox (claimed_at) WHERE status = 'sending';
CREATE INDEX outbox_by_ticket ON outbox (ticket_id, id);
CREATE INDEX outbox_by_status ON outbox (status, id);
`;
