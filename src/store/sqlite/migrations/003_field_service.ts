// Field service: engineers, the reserve stock of spares (per depot), every stock movement,
// dispatches with their reserved spares, and faulty units taken out at the client.
// Stock invariants live in CHECK constraints too: stock = available + reserved, none negative.
export default `
CREATE TABLE engineers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  phone TEXT,
  email TEXT,
  depot TEXT NOT NULL,
  region TEXT NOT NULL,
  skills TEXT NOT NULL,
  on_duty INTEGER NOT NULL CHECK (on_duty IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE spares (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL COLLATE NOCASE,
  depot TEXT NOT NULL COLLATE NOCASE,
  description TEXT NOT NULL,
  stock INTEGER NOT NULL CHECK (stock >= 0),
  reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= stock),
  minimum INTEGER NOT NULL DEFAULT 0 CHECK (minimum >= 0),
  UNIQUE (sku, depot)
) STRICT;
CREATE INDEX spares_by_depot ON spares (depot, sku);

CREATE TABLE spare_movements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  spare_id INTEGER NOT NULL REFERENCES spares (id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('receive', 'adjust', 'reserve', 'release', 'consume')),
  quantity INTEGER NOT NULL,
  stock_after INTEGER NOT NULL,
  reserved_after INTEGER NOT NULL,
  ticket_id INTEGER REFERENCES tickets (id),
  dispatch_id INTEGER,
  reason TEXT
) STRICT;
CREATE INDEX spare_movements_by_spare ON spare_movements (spare_id, id);
CREATE TRIGGER spare_movements_no_update BEFORE UPDATE ON spare_movements
BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
CREATE TRIGGER spare_movements_no_delete BEFORE DELETE ON spare_movements
BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;

CREATE TABLE dispatches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  engineer_id INTEGER NOT NULL REFERENCES engineers (id),
  status TEXT NOT NULL CHECK (status IN ('assigned', 'en-route', 'on-site', 'done', 'cancelled')),
  onsite_due INTEGER,
  note TEXT,
  override_reason TEXT,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  en_route_at INTEGER,
  on_site_at INTEGER,
  finished_at INTEGER
) STRICT;
CREATE INDEX dispatches_by_ticket ON dispatches (ticket_id, id);
CREATE INDEX dispatches_open_by_engineer ON dispatches (engineer_id, onsite_due)
  WHERE status IN ('assigned', 'en-route', 'on-site');
CREATE INDEX dispatches_open ON dispatches (onsite_due) WHERE status IN ('assigned', 'en-route', 'on-site');

CREATE TABLE dispatch_spares (
  dispatch_id INTEGER NOT NULL REFERENCES dispatches (id),
  spare_id INTEGER NOT NULL REFERENCES spares (id),
  reserved INTEGER NOT NULL CHECK (reserved >= 0),
  used INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0),
  released INTEGER NOT NULL DEFAULT 0 CHECK (released >= 0),
  CHECK (used + released <= reserved),
  PRIMARY KEY (dispatch_id, spare_id)
) STRICT;

CREATE TABLE faulty_units (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  dispatch_id INTEGER REFERENCES dispatches (id),
  sku TEXT NOT NULL COLLATE NOCASE,
  depot TEXT NOT NULL,
  faulty_serial TEXT NOT NULL UNIQUE COLLATE NOCASE,
  new_serial TEXT NOT NULL UNIQUE COLLATE NOCASE,
  status TEXT NOT NULL DEFAULT 'awaiting-return' CHECK (status IN ('awaiting-return', 'returned')),
  replaced_at INTEGER NOT NULL,
  replaced_by TEXT NOT NULL
) STRICT;
CREATE INDEX faulty_units_by_ticket ON faulty_units (ticket_id);
`;
