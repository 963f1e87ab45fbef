// The working log (tests, actions, calls, notes) and the fault zone, as steps of a change: shared
// by hd log / hd zone and the API's note[] and faultZone characteristic. A log entry is decided by
// app/ticket-changes.ts (logChange), the same code as hd outage log's.
import { assertWritable } from '../domain/lifecycle.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { RefusedError } from '../errors.ts';
import { t } from '../i18n.ts';
import type { Step } from './change.ts';
import { type LogEntry, logChange } from './ticket-changes.ts';

export { LOG_KINDS, type LogEntry, type LogKind } from './ticket-changes.ts';

export function logStep(entry: LogEntry): Step {
  return {
    decide: ({ ticket, calendar, now, contact }) => logChange(ticket, calendar, now, contact, entry),
  };
}

/** The fault zone found by testing (a code checked against the zones table by the caller). */
export function zoneStep(zone: string, note: string | undefined): Step {
  return {
    decide: ({ ticket }) => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.zone === zone)
        throw new RefusedError(t('zone.err.already', { n: formatTicketNumber(ticket.id), zone }));
      return {
        patch: { zone },
        events: [
          {
            kind: 'zone',
            text: `Zone ${ticket.zone ? `${ticket.zone} → ` : ''}${zone}${note ? `: ${note}` : ''}`,
            payload: { from: ticket.zone, to: zone, note: note ?? null },
          },
        ],
      };
    },
  };
}
