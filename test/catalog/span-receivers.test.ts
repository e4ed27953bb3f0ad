import { describe, expect, it } from 'vitest';
import { isSpanReceiver } from '../../src/catalog/span-receivers.js';

describe('isSpanReceiver', () => {
  it('takes a value typed Span for a span, whatever its name', () => {
    expect(isSpanReceiver({ name: 'current', typeNames: ['Span'] })).toBe(true);
    expect(isSpanReceiver({ name: 'current', annotation: 'Span' })).toBe(true);
  });

  it('takes a started span or a span getter result for a span', () => {
    expect(isSpanReceiver({ name: 'current', isStartedSpan: true })).toBe(true);
    expect(isSpanReceiver({ name: undefined, producer: 'getActiveSpan' })).toBe(true);
  });

  it('lets a written type other than Span decide against the name', () => {
    expect(isSpanReceiver({ name: 'span', annotation: 'HTMLElement' })).toBe(false);
  });

  it('does not take an HTML element named span for a span', () => {
    expect(isSpanReceiver({ name: 'span', producer: 'createElement' })).toBe(false);
  });

  it('falls back to the name when nothing else is known', () => {
    expect(isSpanReceiver({ name: 'rootSpan' })).toBe(true);
    expect(isSpanReceiver({ name: 'lifespan' })).toBe(false);
    expect(isSpanReceiver({ name: undefined })).toBe(false);
  });
});
