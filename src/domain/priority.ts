import { RefusedError, UsageError } from '../errors.ts';
import {
  IMPACTS,
  type Impact,
  PRIORITIES,
  type Priority,
  type PriorityMatrix,
  URGENCIES,
  type Urgency,
} from './types.ts';

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string, flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Unknown ${what} "${value}". ${flag} takes one of: ${allowed.join(', ')}.`);
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
      `Overriding the priority (${matrixPriority} from impact "${impact}" × urgency "${urgency}") to ${override} needs a reason: add --priority-reason TEXT.`,
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
        throw new RefusedError(
          `The priority matrix has no valid priority for impact "${impact}", urgency "${urgency}".`,
        );
      }
    }
  }
  return matrix;
}
