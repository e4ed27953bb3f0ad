import 'reflect-metadata';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ClientProxyFactory, NatsRecordBuilder, Transport, type ClientProxy, type NatsRecord } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { headers as natsHeaders } from 'nats';
import { lastValueFrom, type Observable } from 'rxjs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { ENTRY_POINT_ATTRIBUTES } from '../../src/catalog/entry-points.js';
import { brokerUrls, requireBroker } from '../support/brokers.js';

// fixtures/e2e-nest-microservice: a NestJS microservice on the real NATS broker, its controller transformed by
// wrap-handlers. A ClientProxy sends from inside a PRODUCER span, with the trace context injected into the NATS
// headers of a NatsRecord, as a producer instrumented by hand (or by inject-propagation) does. The service answers
// after 30 ms.
const FIXTURE = resolve('fixtures/e2e-nest-microservice');
const SERVICE_ROUND_TRIP_MS = 30;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
const producerTracer = provider.getTracer('e2e-orders-producer');
let directory: string;
let controllerOutput: string;
let microservice: INestMicroservice;
let client: ClientProxy;

/** Transpiles one module into the temporary folder, with `.mjs` specifiers for its relative imports. */
function emit(name: string, source: string): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true },
  });
  const file = join(directory, `${name}.mjs`);
  writeFileSync(file, outputText.replace(/from '(\.\/[\w.-]+)'/g, "from '$1.mjs'"));
  return file;
}

/** The message with the active context's `traceparent` in its NATS headers. */
function withTraceContext<T>(data: T): NatsRecord<T> {
  const carrier = natsHeaders();
  propagation.inject(context.active(), carrier, { set: (headers, key, value) => headers.set(key, value) });
  return new NatsRecordBuilder(data).setHeaders(carrier).build();
}

/** Sends from inside a PRODUCER span; the span's context and how the send went. */
function produce<T>(subject: string, send: () => Observable<T>): Promise<{ producer: SpanContext; outcome: PromiseSettledResult<T> }> {
  return producerTracer.startActiveSpan(`send ${subject}`, { kind: SpanKind.PRODUCER }, async (span) => {
    try {
      const [outcome] = await Promise.allSettled([lastValueFrom(send())]);
      return { producer: span.spanContext(), outcome: outcome! };
    } finally {
      span.end();
    }
  });
}

/** The CONSUMER span of a trace, once the service has ended it (an event's handler runs after the send returns). */
function consumerSpanOf(traceId: string): Promise<ReadableSpan> {
  return vi.waitFor(() => {
    const spans = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CONSUMER && span.spanContext().traceId === traceId);
    expect(spans).toHaveLength(1);
    return spans[0]!;
  }, { timeout: 5000 });
}

function exceptions(span: ReadableSpan): unknown[] {
  return span.events.filter((event) => event.name === 'exception').map((event) => event.attributes?.['exception.message']);
}

beforeAll(async () => {
  await requireBroker('nats');
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-nest-microservice-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const controller = join(FIXTURE, 'orders.controller.ts');
  controllerOutput = wrapHandlers.apply({ path: controller, source: readFileSync(controller, 'utf8'), options: { tracerName: 'e2e-orders' } }).source;
  for (const name of ['orders.service', 'orders.module', 'main']) emit(name, readFileSync(join(FIXTURE, `${name}.ts`), 'utf8'));
  emit('orders.controller', controllerOutput);
  const { createOrdersMicroservice } = (await import(/* @vite-ignore */ pathToFileURL(join(directory, 'main.mjs')).href)) as {
    createOrdersMicroservice: (servers: string[], logger: false) => Promise<INestMicroservice>;
  };
  microservice = await createOrdersMicroservice([brokerUrls.nats], false);
  await microservice.listen();
  client = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [brokerUrls.nats] } });
  await client.connect();
}, 30_000);

afterAll(async () => {
  await client?.close();
  await microservice?.close();
  trace.disable();
  context.disable();
  propagation.disable();
  await provider.shutdown();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('a NestJS microservice on NATS after wrap-handlers', () => {
  it('reads the producer\'s context from the NatsContext headers with get(), as Nest passes them (a nats MsgHdrs)', () => {
    expect(controllerOutput).toContain('ctx.getHeaders()');
    expect(controllerOutput).toContain('get: (carrier, key) => carrier?.get(key)');
    expect(controllerOutput).toContain('return await this.orders.find(id)');
  });

  it('continues the producer\'s trace for an @EventPattern: a CONSUMER span, child of the PRODUCER span, ended after the awaited work', async () => {
    const { producer, outcome } = await produce('order.created', () => client.emit('order.created', withTraceContext({ orderId: 'o-2', items: [{ sku: 'book', quantity: 1 }] })));
    expect(outcome.status).toBe('fulfilled');
    const span = await consumerSpanOf(producer.traceId);
    expect(span.name).toBe('process order.created');
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(span.attributes).toEqual({
      [ENTRY_POINT_ATTRIBUTES.messagingSystem]: 'nats',
      [ENTRY_POINT_ATTRIBUTES.messagingDestination]: 'order.created',
      [ENTRY_POINT_ATTRIBUTES.messagingOperationType]: 'process',
    });
    expect(Object.keys(span.attributes)).toEqual(['messaging.system.name', 'messaging.destination.name', 'messaging.operation.type']);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(exceptions(span)).toEqual([]);
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(SERVICE_ROUND_TRIP_MS - 5);
  });

  it('marks an @EventPattern handler that throws after awaiting ERROR, with the exception', async () => {
    const { producer } = await produce('order.created', () => client.emit('order.created', withTraceContext({ orderId: 'o-3', items: [] })));
    const span = await consumerSpanOf(producer.traceId);
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'order o-3 has no items' });
    expect(exceptions(span)).toEqual(['order o-3 has no items']);
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(SERVICE_ROUND_TRIP_MS - 5);
  });

  it('continues the trace for a @MessagePattern request and ends after the promise the handler returned', async () => {
    const { producer, outcome } = await produce('order.get', () => client.send('order.get', withTraceContext('o-1')));
    expect(outcome).toEqual({ status: 'fulfilled', value: { id: 'o-1', status: 'shipped' } });
    const span = await consumerSpanOf(producer.traceId);
    expect([span.name, span.kind, span.parentSpanContext?.spanId]).toEqual(['process order.get', SpanKind.CONSUMER, producer.spanId]);
    expect(span.attributes[ENTRY_POINT_ATTRIBUTES.messagingDestination]).toBe('order.get');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(SERVICE_ROUND_TRIP_MS - 5);
  });

  it('marks a @MessagePattern whose returned promise rejects ERROR, and the requester gets the error', async () => {
    const { producer, outcome } = await produce('order.get', () => client.send('order.get', withTraceContext('o-404')));
    expect(outcome.status).toBe('rejected');
    const span = await consumerSpanOf(producer.traceId);
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'order o-404 not found' });
    expect(exceptions(span)).toEqual(['order o-404 not found']);
  });

  it('starts a new trace for a message without trace headers: the parent comes from the headers, not the process', async () => {
    const { producer } = await produce('order.get', () => client.send('order.get', 'o-1'));
    await vi.waitFor(() => expect(exporter.getFinishedSpans().some((span) => span.name === 'process order.get' && span.parentSpanContext === undefined)).toBe(true), { timeout: 5000 });
    const unparented = exporter.getFinishedSpans().filter((span) => span.name === 'process order.get' && span.parentSpanContext === undefined);
    expect(unparented.map((span) => span.spanContext().traceId)).not.toContain(producer.traceId);
  });
});
