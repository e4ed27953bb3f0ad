import { describe, expect, it } from 'vitest';
import {
  BOUNDED_INTERPOLATION_NAMES,
  ENUM_MEMBER_PATTERN,
  GENERIC_SPAN_NAMES,
  HIGH_CARDINALITY_LITERAL_SHAPES,
  NUMBERED_PLACEHOLDER_NAME,
  RAW_PATH_NAME,
  SPAN_RECEIVER_NAME,
  UNBOUNDED_CALLS,
  UNBOUNDED_INTERPOLATION_NAMES,
  VALUE_POSITION_SHAPES,
  type SpanNamePattern,
} from '../../src/catalog/index.js';

const entries: SpanNamePattern[] = [
  NUMBERED_PLACEHOLDER_NAME,
  ...HIGH_CARDINALITY_LITERAL_SHAPES,
  ...VALUE_POSITION_SHAPES,
  ...BOUNDED_INTERPOLATION_NAMES,
  ENUM_MEMBER_PATTERN,
  ...UNBOUNDED_INTERPOLATION_NAMES,
  UNBOUNDED_CALLS,
  SPAN_RECEIVER_NAME,
  RAW_PATH_NAME,
];

describe('span name catalog', () => {
  it('has unique pattern ids within each list', () => {
    for (const list of [HIGH_CARDINALITY_LITERAL_SHAPES, VALUE_POSITION_SHAPES, BOUNDED_INTERPOLATION_NAMES, UNBOUNDED_INTERPOLATION_NAMES]) {
      const ids = list.map((entry) => entry.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))('%s matches its examples and none of its counter-examples', (_id, entry) => {
    expect(entry.description).not.toBe('');
    expect(entry.examples.match.length).toBeGreaterThan(0);
    expect(entry.examples.noMatch.length).toBeGreaterThan(0);
    // Patterns are stateless (no `g`/`y` flags), so `test` can be called repeatedly.
    expect(entry.pattern.flags).not.toMatch(/[gy]/);
    for (const example of entry.examples.match) expect(entry.pattern.test(example), `${entry.id} should match ${example}`).toBe(true);
    for (const example of entry.examples.noMatch) expect(entry.pattern.test(example), `${entry.id} should not match ${example}`).toBe(false);
  });

  it('keeps generic names trimmed, case-folded and unique', () => {
    expect(new Set(GENERIC_SPAN_NAMES).size).toBe(GENERIC_SPAN_NAMES.length);
    for (const name of GENERIC_SPAN_NAMES) expect(name).toBe(name.trim().toLowerCase());
    expect(GENERIC_SPAN_NAMES).toContain('');
  });

  it('does not treat the guides\' good names as bad', () => {
    const good = ['placement.create', 'GET /users/:id', 'create_task_entity', 'stripe.charge'];
    for (const name of good) {
      expect(GENERIC_SPAN_NAMES).not.toContain(name.toLowerCase());
      expect(NUMBERED_PLACEHOLDER_NAME.pattern.test(name.toLowerCase())).toBe(false);
      for (const shape of HIGH_CARDINALITY_LITERAL_SHAPES) expect(shape.pattern.test(name)).toBe(false);
    }
  });
});
