import { describe, expect, it } from 'vitest';
import { getTracerModuleOrigin, isTracerReceiver } from '../../src/catalog/tracer-receivers.js';

describe('getTracerModuleOrigin', () => {
  it('tells the API and SDK packages from other packages and from the project itself', () => {
    expect(getTracerModuleOrigin('@opentelemetry/api')).toEqual({ kind: 'otel' });
    expect(getTracerModuleOrigin('@opentelemetry/sdk-trace-base')).toEqual({ kind: 'otel' });
    expect(getTracerModuleOrigin('k6/x/otel')).toEqual({ kind: 'foreign', module: 'k6/x/otel' });
    expect(getTracerModuleOrigin('./telemetry')).toEqual({ kind: 'unknown' });
    expect(getTracerModuleOrigin('@/lib/telemetry')).toEqual({ kind: 'unknown' });
    expect(getTracerModuleOrigin(undefined)).toEqual({ kind: 'unknown' });
  });
});

describe('isTracerReceiver', () => {
  it('lets the type decide when it is known, whatever the name', () => {
    expect(isTracerReceiver({ typeVerdict: false, origin: { kind: 'otel' }, name: 'tracer' })).toBe(false);
    expect(isTracerReceiver({ typeVerdict: true, origin: { kind: 'unknown' }, name: 'provider' })).toBe(true);
  });

  it('takes a value from an OpenTelemetry package for a tracer', () => {
    expect(isTracerReceiver({ origin: { kind: 'otel' }, name: 'tracing' })).toBe(true);
  });

  it('does not take a tracer of another package or a class of the file for one, unless that package is listed', () => {
    expect(isTracerReceiver({ origin: { kind: 'foreign', module: 'k6/x/otel' }, name: 'tracer' })).toBe(false);
    expect(isTracerReceiver({ origin: { kind: 'foreign', module: 'k6/x/otel' }, name: 'tracer' }, ['k6/x/otel'])).toBe(true);
    expect(isTracerReceiver({ origin: { kind: 'foreign', module: '(class ConsoleTracer of this file)' }, name: 'devTracer' })).toBe(false);
  });

  it('falls back to the name, a written Tracer type or a getTracer result when the origin is unknown', () => {
    const unknown = { kind: 'unknown' } as const;
    expect(isTracerReceiver({ origin: unknown, name: 'appTracer' })).toBe(true);
    expect(isTracerReceiver({ origin: unknown, name: 't', annotations: ['Tracer'] })).toBe(true);
    expect(isTracerReceiver({ origin: unknown, name: 't', producers: ['getTracer'] })).toBe(true);
    expect(isTracerReceiver({ origin: unknown, name: 'queue', annotations: ['Queue'], producers: ['createQueue'] })).toBe(false);
    expect(isTracerReceiver({ origin: unknown, name: undefined })).toBe(false);
  });
});
