import 'reflect-metadata';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ClientProxyFactory, RmqRecordBuilder, Transport, type ClientProxy, type RmqRecord } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { hrTimeToMilliseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { lastValueFrom, type Observable } from 'rxjs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { wrapHandlers } from '../../codemods/wrap-handlers.js';
import { ENTRY_POINT_ATTRIBUTES } from '../../src/catalog/entry-points.js';
import { brokerUrls, requireBroker } from '../support/brokers.js';

// fixtures/e2e-nest-rmq: a NestJS microservice on the real RabbitMQ broker (Transport.RMQ, manual acks), its controller
// transformed by wrap-handlers. A ClientProxy sends from inside a PRODUCER span, with the trace context injected into
// the AMQP message's `headers` property through an RmqRecord, as a producer instrumented by hand (or by
// inject-propagation) does; the consumer reads them back from `context.getMessage().properties.headers`. The service
// answers after 30 ms. The queue is this run's own, so runs sharing the broker do not take each other's messages.
const FIXTURE = resolve('fixtures/e2e-nest-rmq');
const SERVICE_ROUND_TRIP_MS = 30;
const QUEUE = `e2e-payments-${process.pid}-${Date.now()}`;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();
const producerTracer = provider.getTracer('e2e-payments-producer');
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

/** The message with the active context's `traceparent` in its AMQP headers. */
function withTraceContext<T>(data: T): RmqRecord<T> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return new RmqRecordBuilder(data).setOptions({ headers }).build();
}

/** Sends from inside a PRODUCER span; the span's context and how the send went. */
function produce<T>(pattern: string, send: () => Observable<T>): Promise<{ producer: SpanContext; outcome: PromiseSettledResult<T> }> {
  return producerTracer.startActiveSpan(`send ${pattern}`, { kind: SpanKind.PRODUCER }, async (span) => {
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
  await requireBroker('amqp');
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  directory = mkdtempSync(join(tmpdir(), 'wrap-handlers-nest-rmq-'));
  symlinkSync(realpathSync(resolve('node_modules')), join(directory, 'node_modules'), 'dir');
  const controller = join(FIXTURE, 'payments.controller.ts');
  controllerOutput = wrapHandlers.apply({ path: controller, source: readFileSync(controller, 'utf8'), options: { tracerName: 'e2e-payments' } }).source;
  for (const name of ['payments.service', 'payments.module', 'main']) emit(name, readFileSync(join(FIXTURE, `${name}.ts`), 'utf8'));
  emit('payments.controller', controllerOutput);
  const { createPaymentsMicroservice } = (await import(/* @vite-ignore */ pathToFileURL(join(directory, 'main.mjs')).href)) as {
    createPaymentsMicroservice: (urls: string[], queue: string, logger: false) => Promise<INestMicroservice>;
  };
  microservice = await createPaymentsMicroservice([brokerUrls.amqp], QUEUE, false);
  await microservice.listen();
  client = ClientProxyFactory.create({ transport: Transport.RMQ, options: { urls: [brokerUrls.amqp], queue: QUEUE, queueOptions: { durable: false } } });
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

describe('a NestJS microservice on RabbitMQ after wrap-handlers', () => {
  it('reads the producer\'s context from the AMQP message properties\' headers, from the root context (`context` is the RmqContext here)', () => {
    expect(controllerOutput).toContain('propagation.extract(ROOT_CONTEXT, context.getMessage()?.properties?.headers ?? {})');
    expect(controllerOutput).toContain('return await this.payments.status(id)');
  });

  it('continues the producer\'s trace for an @EventPattern: a CONSUMER span, child of the PRODUCER span, ended after the awaited work', async () => {
    const { producer, outcome } = await produce('payment.captured', () => client.emit('payment.captured', withTraceContext({ paymentId: 'p-2', amountCents: 1250 })));
    expect(outcome.status).toBe('fulfilled');
    const span = await consumerSpanOf(producer.traceId);
    expect(span.name).toBe('process payment.captured');
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(span.attributes).toEqual({
      [ENTRY_POINT_ATTRIBUTES.messagingSystem]: 'rabbitmq',
      [ENTRY_POINT_ATTRIBUTES.messagingDestination]: 'payment.captured',
      [ENTRY_POINT_ATTRIBUTES.messagingOperationType]: 'process',
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(exceptions(span)).toEqual([]);
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(SERVICE_ROUND_TRIP_MS - 5);
  });

  it('marks an @EventPattern handler that nacks and rethrows ERROR, with the exception', async () => {
    const { producer } = await produce('payment.captured', () => client.emit('payment.captured', withTraceContext({ paymentId: 'p-3', amountCents: 0 })));
    const span = await consumerSpanOf(producer.traceId);
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'payment p-3 has no amount' });
    expect(exceptions(span)).toEqual(['payment p-3 has no amount']);
  });

  it('continues the trace for a @MessagePattern request and ends after the promise the handler returned', async () => {
    const { producer, outcome } = await produce('payment.status', () => client.send('payment.status', withTraceContext('p-1')));
    expect(outcome).toEqual({ status: 'fulfilled', value: { id: 'p-1', state: 'captured' } });
    const span = await consumerSpanOf(producer.traceId);
    expect([span.name, span.kind, span.parentSpanContext?.spanId]).toEqual(['process payment.status', SpanKind.CONSUMER, producer.spanId]);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(hrTimeToMilliseconds(span.duration)).toBeGreaterThanOrEqual(SERVICE_ROUND_TRIP_MS - 5);
  });

  it('marks a @MessagePattern whose returned promise rejects ERROR, and the requester gets the error', async () => {
    const { producer, outcome } = await produce('payment.status', () => client.send('payment.status', withTraceContext('p-404')));
    expect(outcome.status).toBe('rejected');
    const span = await consumerSpanOf(producer.traceId);
    expect(span.parentSpanContext?.spanId).toBe(producer.spanId);
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'payment p-404 not found' });
  });

  it('starts a new trace for a message without headers: the parent comes from the message, not the process', async () => {
    const { producer, outcome } = await produce('payment.status', () => client.send('payment.status', 'p-1'));
    expect(outcome.status).toBe('fulfilled');
    await vi.waitFor(() => expect(exporter.getFinishedSpans().some((span) => span.name === 'process payment.status' && span.parentSpanContext === undefined)).toBe(true), { timeout: 5000 });
    const unparented = exporter.getFinishedSpans().filter((span) => span.name === 'process payment.status' && span.parentSpanContext === undefined);
    expect(unparented.map((span) => span.spanContext().traceId)).not.toContain(producer.traceId);
  });
});
