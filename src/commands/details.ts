// A ticket with everything shown about it: loaded by app/details.ts.
export { loadDetails, type TicketDetails } from '../app/details.ts';
