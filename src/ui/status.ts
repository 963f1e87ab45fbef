// Ticket statuses in words for text output; --json keeps the TMF621 names (inProgress …).
export { statusWords } from '../domain/lifecycle.ts';
