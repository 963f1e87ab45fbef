// Lookup keys: clients, contacts, contract numbers, service IDs and engineers are found by what an
// operator types whatever its case and accents, in any script ("минский", "МИНСКИЙ", "cafe" for
// "Café"). SQLite's NOCASE and LIKE fold ASCII only, so each looked-up column gets a `*_key`
// beside it, compared instead, with an index for the exact lookups.
//
// The keys of existing rows are filled by hd_fold(), a deterministic SQL function the store
// registers on every connection before migrating (src/store/sqlite/db.ts, computing
// src/domain/fold.ts's foldKey); rows written later get their keys from the store on insert.
export default `
ALTER TABLE clients ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN contract_key TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN service_key TEXT NOT NULL DEFAULT '';
ALTER TABLE engineers ADD COLUMN name_key TEXT NOT NULL DEFAULT '';

UPDATE clients SET name_key = hd_fold(name), contract_key = hd_fold(contract_no);
UPDATE contacts SET name_key = hd_fold(name);
UPDATE services SET service_key = hd_fold(service_id);
UPDATE engineers SET name_key = hd_fold(name);

CREATE INDEX clients_by_contract_key ON clients (contract_key);
CREATE INDEX clients_by_name_key ON clients (name_key, id);
CREATE INDEX contacts_by_name_key ON contacts (name_key, client_id);
CREATE INDEX services_by_service_key ON services (service_key, client_id);
CREATE INDEX engineers_by_name_key ON engineers (name_key);
`;
