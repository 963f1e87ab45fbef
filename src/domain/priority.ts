import { RefusedError, UsageError } from '../errors.ts';
import { type MessageKey, t } from '../i18n.ts';
import {
  IMPACTS,
  type Impact,
  PRIORITIES,
  type Priority,
  type PriorityMatrix,
  URGENCIES,
  type Urgency,
} from './types.ts';

/** The kinds of value oneOf names, in the interface language; others are shown as given. */
const WHAT: Record<string, MessageKey> = {
  impact: 'oneOf.what.impact',
  urgency: 'oneOf.what.urgency',
  priority: 'oneOf.what.priority',
  channel: 'oneOf.what.channel',
  'call outcome': 'oneOf.what.callOutcome',
  'notice kind': 'oneOf.what.noticeKind',
  status: 'oneOf.what.status',
  'job status': 'oneOf.what.jobStatus',
  'outage scope': 'oneOf.what.outageScope',
  language: 'oneOf.what.language',
  'log kind': 'oneOf.what.logKind',
  'test result': 'oneOf.what.testResult',
  'call direction': 'oneOf.what.callDirection',
  scope: 'oneOf.what.scope',
};

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string, flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    t('oneOf.err.unknown', {
      what: WHAT[what] ? t(WHAT[what]) : what,
      value,
      flag,
      allowed: allowed.join(', '),
    }),
  );
}

export const parseImpact = (value: string): Impact => oneOf(value, IMPACTS, 'impact', '--impact');
export const parseUrgency = (value: string): Urgency => oneOf(value, URGENCIES, 'urgency', '--urgency');
export const parsePriority = (value: string): Priority =>
  oneOf(value.toUpperCase(), PRIORITIES, 'priority', '--priority');

export interface PriorityDecision {
  priority: Priority;
  matrixPriority: Priority;
  reason: string | null;
}

/**
 * Impact × urgency gives the priority; the operator may override it, but only with a reason
 * (it changes contractual deadlines, so the reason is part of the record).
 */
export function decidePriority(
  matrix: PriorityMatrix,
  impact: Impact,
  urgency: Urgency,
  override?: Priority | null,
  reason?: string | null,
): PriorityDecision {
  const matrixPriority = matrix[impact][urgency];
  const why = reason?.trim() || null;
  if (!override || override === matrixPriority)
    return { priority: matrixPriority, matrixPriority, reason: null };
  if (!why) {
    throw new RefusedError(
      t('priority.err.overrideReason', { matrix: matrixPriority, impact, urgency, override }),
    );
  }
  return { priority: override, matrixPriority, reason: why };
}

export function validateMatrix(value: unknown): PriorityMatrix {
  const matrix = value as PriorityMatrix;
  for (const impact of IMPACTS) {
    for (const urgency of URGENCIES) {
      const priority = matrix?.[impact]?.[urgency];
      if (!PRIORITIES.includes(priority)) {
        throw new RefusedError(t('priority.err.matrix', { impact, urgency }));
      }
    }
  }
  return matrix;
}
