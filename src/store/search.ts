// What a search hit is, on every engine; the search itself is engine-specific (src/store/engine.ts).

export interface SearchHit {
  ticketId: number;
  source: string;
  snippet: string;
}

export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';

/** How many of the newest matches are ranked; more would make common words slow at scale. */
export const SEARCH_WINDOW = 200;
