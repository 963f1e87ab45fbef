import { describe, expect, it } from 'vitest';
import matrixFile from '../../data/priority-matrix.json' with { type: 'json' };
import { decidePriority, parseImpact, validateMatrix } from '../../src/domain/priority.ts';
import type { Impact, Urgency } from '../../src/domain/types.ts';

const matrix = validateMatrix(matrixFile.matrix);

describe('priority matrix', () => {
  it.each([
    ['down', 'high', 'P1'],
    ['down', 'low', 'P2'],
    ['degraded', 'medium', 'P2'],
    ['intermittent', 'medium', 'P3'],
    ['none', 'low', 'P4'],
  ])('%s × %s → %s', (impact, urgency, priority) => {
    expect(decidePriority(matrix, impact as Impact, urgency as Urgency).priority).toBe(priority);
  });

  it('keeps an override with its reason and the matrix priority', () => {
    expect(decidePriority(matrix, 'none', 'low', 'P2', 'hospital, life-critical line')).toEqual({
      priority: 'P2',
      matrixPriority: 'P4',
      reason: 'hospital, life-critical line',
    });
  });

  it('refuses an override without a reason', () => {
    expect(() => decidePriority(matrix, 'none', 'low', 'P1', '  ')).toThrow(
      /needs a reason: add --priority-reason/,
    );
  });

  it('an "override" equal to the matrix needs no reason', () => {
    expect(decidePriority(matrix, 'down', 'high', 'P1').reason).toBeNull();
  });

  it('names the allowed values for a wrong impact', () => {
    expect(() => parseImpact('broken')).toThrow('--impact takes one of: down, degraded, intermittent, none');
  });

  it('rejects a matrix with a hole', () => {
    expect(() => validateMatrix({ ...matrix, none: { high: 'P3', medium: 'P9' } })).toThrow(
      /impact "none", urgency "medium"/,
    );
  });
});
