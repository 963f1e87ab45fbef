// The working log (tests, actions, calls, notes) and the fault zone, as steps of a change: shared
// by hd log / hd zone and the API's note[] and faultZone characteristic.
import { assertWritable } from '../domain/lifecycle.ts';
import { callMeetsResponse, clientUpdatePatch, responsePatch } from '../domain/sla.ts';
import { NOTHING_OWED, tellsClient } from '../domain/tell.ts';
import { formatTicketNumber } from '../domain/ticket-number.ts';
import { RefusedError } from '../errors.ts';
import type { TicketPatch } from '../store/tickets.ts';
import type { Change, Step } from './change.ts';

export const LOG_KINDS = ['test', 'action', 'call', 'note'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export interface LogEntry {
  kind: LogKind;
  text: string;
  minutes?: number;
  /** test: pass | fail | info, and the zone the result points to. */
  testResult?: string;
  zoneHint?: string;
  /** call: who called whom, how it went, who was on the line (default: the ticket's contact). */
  direction?: 'in' | 'out';
  callOutcome?: string;
  party?: string;
}

export function logStep(entry: LogEntry): Step {
  return {
    decide: ({ ticket, calendar, now, contact }): Change => {
      assertWritable(ticket.id, ticket.status);
      const payload: Record<string, unknown> = {};
      if (entry.minutes !== undefined) payload.minutes = entry.minutes;
      const patch: TicketPatch = {};
      if (entry.kind === 'test') {
        payload.result = entry.testResult;
        if (entry.zoneHint) payload.zoneHint = entry.zoneHint;
      }
      if (entry.kind === 'call') {
        const direction = entry.direction ?? 'out';
        const outcome = entry.callOutcome;
        Object.assign(payload, { direction, outcome, party: entry.party ?? contact.name });
        // An outbound call that reached the client is the response ("call-back"), and starts the
        // update clock; any conversation that reached the client is a client update and restarts it.
        if (callMeetsResponse(direction, outcome)) Object.assign(patch, responsePatch(ticket, now, calendar));
        if (tellsClient(outcome)) {
          Object.assign(
            patch,
            clientUpdatePatch(
              { ...ticket, respondedAt: patch.respondedAt ?? ticket.respondedAt },
              now,
              calendar,
            ),
          );
          // Whatever ETA, extension or restoration was owed, the client has now heard it.
          if (ticket.tellKind !== null) {
            Object.assign(patch, NOTHING_OWED);
            payload.told = ticket.tellKind;
          }
        }
      }
      return { patch, events: [{ kind: entry.kind, text: entry.text, payload }] };
    },
  };
}

/** The fault zone found by testing (a code checked against the zones table by the caller). */
export function zoneStep(zone: string, note: string | undefined): Step {
  return {
    decide: ({ ticket }) => {
      assertWritable(ticket.id, ticket.status);
      if (ticket.zone === zone)
        throw new RefusedError(`${formatTicketNumber(ticket.id)} is already localised to ${zone}.`);
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
