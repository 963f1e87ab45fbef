// TMF621 event listeners (POST /hub, issue 16) and the durable queue of their deliveries.
// A trigger on events queues one row per listener for each event of a kind the API reports, in the
// INSERT that appends the event, so every front door (the CLI, the API, the outage cascades) is
// covered and the change's statement count does not grow. Without a listener it inserts nothing.
// hd serve delivers the rows (src/api/deliver.ts) and deletes each once its listener took it.
export default `
CREATE TABLE hub_listeners (
  id TEXT PRIMARY KEY,
  callback TEXT NOT NULL,
  query TEXT,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- due_at: real (wall-clock) epoch ms when the next attempt is due; a claim moves it past its lease.
-- sent: how many of the event's TMF notifications the listener already took (a resolve is a
-- StatusChange then a Resolved event).
CREATE TABLE hub_deliveries (
  id INTEGER PRIMARY KEY,
  listener_id TEXT NOT NULL REFERENCES hub_listeners (id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL,
  due_at INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
) STRICT;
-- In order per ticket per listener: a row waits while an earlier one of its ticket is undelivered.
CREATE INDEX hub_deliveries_in_order ON hub_deliveries (listener_id, ticket_id, event_id);
CREATE INDEX hub_deliveries_by_due ON hub_deliveries (due_at);

CREATE TRIGGER events_to_hub AFTER INSERT ON events
WHEN NEW.kind IN ('opened', 'assigned', 'pending', 'resumed', 'resolved', 'reopened', 'closed',
  'cancelled', 'eta', 'extended', 'zone', 'priority', 'note', 'test', 'action', 'call', 'related',
  'duplicate', 'outage', 'attached')
BEGIN
  INSERT INTO hub_deliveries (listener_id, event_id, ticket_id)
    SELECT id, NEW.id, NEW.ticket_id FROM hub_listeners;
END;
`;
