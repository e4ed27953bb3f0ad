import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { expect, vi } from 'vitest';

/** One HTTP request and the one span the server finished for it (the span may end after the answer is read). */
export async function fetchWithSpan(exporter: InMemorySpanExporter, url: string, init: RequestInit = {}): Promise<{ status: number; span: ReadableSpan }> {
  exporter.reset();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  const span = await vi.waitFor(() => {
    const [only, ...others] = exporter.getFinishedSpans();
    expect(only).toBeDefined();
    expect(others).toEqual([]);
    return only!;
  });
  return { status: response.status, span };
}

/** What a server span says about how the request went: its status, the answer's status code and the recorded errors. */
export function describeOutcome(span: ReadableSpan): { status: number; statusCode: unknown; exceptions: unknown[] } {
  return {
    status: span.status.code,
    statusCode: span.attributes['http.response.status_code'],
    exceptions: span.events.filter((event) => event.name === 'exception').map((event) => event.attributes?.['exception.message']),
  };
}
