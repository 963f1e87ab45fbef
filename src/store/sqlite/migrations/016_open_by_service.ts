// The open ticket of a service, for intake (store/outages.ts servicesForIntake: hd open and
// POST /troubleTicket): max(id) of the service's open tickets read from the end of this index, not
// from every open ticket of the client — a client whose monitoring opened thousands of tickets
// made each intake read them all.
export default `
CREATE INDEX tickets_open_by_service ON tickets (service_id, id) WHERE status NOT IN ('closed', 'cancelled');
`;
