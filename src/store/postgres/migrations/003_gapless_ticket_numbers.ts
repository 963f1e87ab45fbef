// Gapless ticket numbers (QA report, point 3). An identity sequence logs 32 values ahead, so a
// server crash skipped ~32 numbers, and a rolled-back open lost one. The next number now comes
// from one counter row updated in the opening transaction: its row lock serialises concurrent
// opens until commit, and a rolled-back open gives its number back. Seeded from the tickets
// already there. Not copied by hd db copy (the copy sets it from the copied tickets).
export default `
CREATE TABLE ticket_numbers (
  one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
  last BIGINT NOT NULL CHECK (last >= 0)
);
INSERT INTO ticket_numbers (one, last) SELECT true, COALESCE(max(id), 0) FROM tickets;
`;
