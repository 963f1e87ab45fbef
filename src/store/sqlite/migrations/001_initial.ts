// Clients, their contacts and services; Priority-Rule profiles (versioned); fault zones;
// tickets (a projection) and their append-only events; full-text search over both.
export default `
CREATE TABLE rule_profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (name, version)
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE zones (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_ru TEXT NOT NULL,
  description TEXT NOT NULL,
  position INTEGER NOT NULL
) STRICT;

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  contract_no TEXT NOT NULL UNIQUE,
  profile TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('ru', 'en')),
  timezone TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX clients_name ON clients (name COLLATE NOCASE);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  name TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  preferred_channel TEXT NOT NULL CHECK (preferred_channel IN ('phone', 'email', 'both')),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_client ON contacts (client_id);
CREATE INDEX contacts_phone ON contacts (phone);

CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  service_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  address TEXT NOT NULL,
  cpe_model TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX services_client ON services (client_id);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id INTEGER NOT NULL REFERENCES clients (id),
  contact_id INTEGER NOT NULL REFERENCES contacts (id),
  service_id INTEGER NOT NULL REFERENCES services (id),
  related_to INTEGER REFERENCES tickets (id),
  channel TEXT NOT NULL,
  impact TEXT NOT NULL,
  urgency TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  matrix_priority TEXT NOT NULL,
  priority_reason TEXT,
  status TEXT NOT NULL CHECK (status IN ('acknowledged', 'inProgress', 'pending', 'resolved', 'closed', 'cancelled')),
  zone TEXT REFERENCES zones (code),
  summary TEXT NOT NULL,
  description TEXT NOT NULL,
  answers TEXT NOT NULL,
  assignee TEXT,
  profile_id INTEGER NOT NULL REFERENCES rule_profiles (id),
  targets TEXT NOT NULL,
  eta INTEGER,
  response_due INTEGER,
  update_due INTEGER,
  restore_due INTEGER,
  onsite_due INTEGER,
  hardware_due INTEGER,
  confirm_due INTEGER,
  responded_at INTEGER,
  last_update_at INTEGER,
  onsite_at INTEGER,
  hardware_at INTEGER,
  paused_ms INTEGER NOT NULL DEFAULT 0,
  pending_since INTEGER,
  pending_until INTEGER,
  pending_reason TEXT,
  opened_at INTEGER NOT NULL,
  opened_by TEXT NOT NULL,
  restored_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  confirmed_by TEXT,
  confirmed_via TEXT,
  updated_at INTEGER NOT NULL
) STRICT;
-- Open tickets (everything until the client confirms or it is cancelled), most urgent first.
CREATE INDEX tickets_open_by_priority ON tickets (priority, restore_due)
  WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX tickets_open_by_assignee ON tickets (assignee, priority)
  WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX tickets_by_client ON tickets (client_id, opened_at);
CREATE INDEX tickets_by_opened ON tickets (opened_at);
CREATE INDEX tickets_by_related ON tickets (related_to) WHERE related_to IS NOT NULL;
CREATE TRIGGER tickets_no_delete BEFORE DELETE ON tickets
BEGIN SELECT RAISE(ABORT, 'tickets are never deleted: cancel them instead'); END;

CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  payload TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_ticket ON events (ticket_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only: record a new event instead'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only and are never deleted'); END;

CREATE VIRTUAL TABLE search_index USING fts5 (
  text, ticket_id UNINDEXED, source UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER tickets_search AFTER INSERT ON tickets
BEGIN
  INSERT INTO search_index (text, ticket_id, source) VALUES (new.summary, new.id, 'summary');
  INSERT INTO search_index (text, ticket_id, source)
    SELECT new.description, new.id, 'description' WHERE new.description <> '';
END;
CREATE TRIGGER events_search AFTER INSERT ON events WHEN new.text <> '' AND new.kind <> 'opened'
BEGIN
  INSERT INTO search_index (text, ticket_id, source) VALUES (new.text, new.ticket_id, new.kind);
END;
`;
