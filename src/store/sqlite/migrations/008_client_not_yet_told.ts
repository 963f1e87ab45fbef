// "Client not yet told": an ETA, an extension or the restoration that no reached call and no
// delivered e-mail has carried to the client yet. `tell_due` is when the client must have been
// told (a deadline like the others, with its own SLA index); `tell_kind` says what is owed.
// Both are cleared by the first reached call or delivered e-mail after it.
export default `
ALTER TABLE tickets ADD COLUMN tell_due INTEGER;
ALTER TABLE tickets ADD COLUMN tell_kind TEXT CHECK (tell_kind IN ('eta', 'extended', 'restored'));
ALTER TABLE tickets ADD COLUMN tell_since INTEGER;
`;
