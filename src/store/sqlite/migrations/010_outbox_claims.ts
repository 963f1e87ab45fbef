// Outbox claims that name their owner. A sender claims one message at a time and renews the
// claim while the SMTP exchange lasts; the claim carries the sender's process id and host, so a
// sender on the same host can see that the owner has died and return the message at once, and a
// time bound (`claim_until`) covers owners on other hosts. `handed_at` is when the current claim
// finished handing the message to the SMTP server (its whole text written, the final reply not
// yet read): a claim released after that point may have been delivered. `uncertain_at` says the
// last attempt ended that way (a time-out or a dead sender after the hand-over).
export default `
ALTER TABLE outbox ADD COLUMN claim_pid INTEGER;
ALTER TABLE outbox ADD COLUMN claim_host TEXT;
ALTER TABLE outbox ADD COLUMN claim_until INTEGER;
ALTER TABLE outbox ADD COLUMN handed_at INTEGER;
ALTER TABLE outbox ADD COLUMN uncertain_at INTEGER;
UPDATE outbox SET claim_until = claimed_at + 600000 WHERE status = 'sending';
`;
