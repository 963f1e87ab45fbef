// Mass outages (issue 14). One network fault, many clients.
//
// - service_elements: the network elements a service depends on (PoP, node, access switch, cable
//   segment ...), in order, as typed (`element`) and folded for lookup (`element_key`, foldKey).
//   One element serves many services: the index by element finds everyone a fault hits.
// - outages: the outage record, numbered OUT-000012 from its id. status active -> resolved (or
//   cancelled, opened by mistake). eta_at is the outage's current ETA for every linked ticket.
// - outage_elements / outage_services: what failed and the services it was found to affect when
//   opened (or listed explicitly); kept as recorded, so the outage's scope is a fact, not a
//   query re-run against a topology that may have changed since.
// - outage_events: the outage's own append-only timeline, hash-chained per outage like events.
// - tickets.outage_id: the link of a ticket to its outage (attach sets it, detach clears it; both
//   leave an event on the ticket and on the outage).
export default `
CREATE TABLE service_elements (
  service_id INTEGER NOT NULL REFERENCES services (id),
  position INTEGER NOT NULL,
  element TEXT NOT NULL,
  element_key TEXT NOT NULL,
  PRIMARY KEY (service_id, element_key)
) WITHOUT ROWID;
CREATE INDEX service_elements_by_element ON service_elements (element_key, service_id);

CREATE TABLE outages (
  id INTEGER PRIMARY KEY,
  summary TEXT NOT NULL,
  zone TEXT REFERENCES zones (code),
  status TEXT NOT NULL CHECK (status IN ('active', 'resolved', 'cancelled')),
  started_at INTEGER NOT NULL,
  eta_at INTEGER,
  opened_at INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  resolved_at INTEGER,
  resolution TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX outages_by_status ON outages (status, id);

CREATE TABLE outage_elements (
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  element TEXT NOT NULL,
  element_key TEXT NOT NULL,
  PRIMARY KEY (outage_id, element_key)
) WITHOUT ROWID;
CREATE INDEX outage_elements_by_element ON outage_elements (element_key, outage_id);

CREATE TABLE outage_services (
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  service_id INTEGER NOT NULL REFERENCES services (id),
  PRIMARY KEY (outage_id, service_id)
) WITHOUT ROWID;
CREATE INDEX outage_services_by_service ON outage_services (service_id, outage_id);

CREATE TABLE outage_events (
  id INTEGER PRIMARY KEY,
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  payload TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX outage_events_by_outage ON outage_events (outage_id, id);
CREATE TRIGGER outage_events_no_update BEFORE UPDATE ON outage_events
BEGIN SELECT RAISE(ABORT, 'outage events are append-only: record a new event instead'); END;
CREATE TRIGGER outage_events_no_delete BEFORE DELETE ON outage_events
BEGIN SELECT RAISE(ABORT, 'outage events are append-only and are never deleted'); END;
CREATE TRIGGER outage_events_no_replace BEFORE INSERT ON outage_events
WHEN EXISTS (SELECT 1 FROM outage_events WHERE id = new.id)
BEGIN SELECT RAISE(ABORT, 'outage events are append-only: an event is never replaced'); END;
CREATE TRIGGER outages_no_delete BEFORE DELETE ON outages
BEGIN SELECT RAISE(ABORT, 'an outage is never deleted: resolve or cancel it'); END;

ALTER TABLE tickets ADD COLUMN outage_id INTEGER REFERENCES outages (id);
CREATE INDEX tickets_by_outage ON tickets (outage_id, status) WHERE outage_id IS NOT NULL;
`;
