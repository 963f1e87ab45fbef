// The audit log is tamper-evident. Each event carries `hash`, chained per ticket:
// SHA-256 over the previous event's hash and the event's own fields (see src/domain/audit.ts).
// Events written before this migration keep a NULL hash: they are still links of the chain
// (hd verify hashes them in memory), and the first hashed event after them seals them.
//
// The triggers refuse, from any connection, every statement that would replace or re-point a
// row of the two logs: UPDATE and DELETE were refused already; INSERT OR REPLACE deletes the old
// row WITHOUT firing DELETE triggers (unless recursive_triggers is on), so an INSERT whose id
// already exists is refused before it happens; an UPSERT (ON CONFLICT DO UPDATE) fires the
// UPDATE triggers. A closed or cancelled ticket's row is final; no ticket row is replaced.
// No event is dated before its ticket was opened.
export default `
ALTER TABLE events ADD COLUMN hash TEXT;

CREATE TRIGGER events_no_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id = new.id)
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event is never replaced'); END;
CREATE TRIGGER events_need_hash BEFORE INSERT ON events WHEN new.hash IS NULL
BEGIN SELECT RAISE(ABORT, 'events carry a hash chained to the ticket''s previous event: record them through hd'); END;
CREATE TRIGGER events_not_before_opening BEFORE INSERT ON events
WHEN new.at < (SELECT opened_at FROM tickets WHERE id = new.ticket_id)
BEGIN SELECT RAISE(ABORT, 'an event cannot be dated before its ticket was opened'); END;

CREATE TRIGGER spare_movements_no_replace BEFORE INSERT ON spare_movements
WHEN EXISTS (SELECT 1 FROM spare_movements WHERE id = new.id)
BEGIN SELECT RAISE(ABORT, 'stock movements are append-only: a movement is never replaced'); END;

CREATE TRIGGER tickets_no_replace BEFORE INSERT ON tickets
WHEN EXISTS (SELECT 1 FROM tickets WHERE id = new.id)
BEGIN SELECT RAISE(ABORT, 'a ticket is never replaced: change it through hd'); END;
CREATE TRIGGER tickets_final BEFORE UPDATE ON tickets
WHEN old.status IN ('closed', 'cancelled')
BEGIN SELECT RAISE(ABORT, 'a closed or cancelled ticket is final: open a related ticket instead'); END;
`;
