import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createAttributeVisitor } from '../../src/lint/attribute-sinks.js';

/** Runs the visitor over `code` and lists every attribute as `sink key = value text`. */
function collect(code: string, options: { javascript?: boolean } = {}): string[] {
  const found: string[] = [];
  const probe: TSESLint.RuleModule<string, []> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      return createAttributeVisitor(context, (attribute) => {
        found.push(`${attribute.sink} ${attribute.key} = ${context.sourceCode.getText(attribute.valueNode)}`);
      });
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config = {
    files: ['**/*.ts', '**/*.js'],
    plugins: { probe: { rules: { attributes: probe as never } } },
    rules: { 'probe/attributes': 'error' },
    ...(options.javascript ? { languageOptions: { sourceType: 'module' } } : { languageOptions: { parser: tsParser as Linter.Parser } }),
  };
  const messages = linter.verify(code, [config], { filename: options.javascript ? 'file.js' : 'file.ts' });
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

describe('attribute sinks: spans', () => {
  it('reads setAttribute pairs and setAttributes objects on spans from startSpan', () => {
    expect(
      collect(`const tracer = trace.getTracer('svc');
const s = tracer.startSpan('work');
s.setAttribute('order.id', order.id);
s.setAttributes({ 'user.email': user.email, count: 3 });`),
    ).toEqual(['span order.id = order.id', 'span user.email = user.email', 'span count = 3']);
  });

  it('reads the span parameter of a startActiveSpan callback, whatever its name', () => {
    expect(collect(`tracer.startActiveSpan('work', (current) => { current.setAttribute('a', 1); current.end(); });`)).toEqual(['span a = 1']);
  });

  it('reads spans named span/*Span, this.span and trace.getActiveSpan()', () => {
    expect(
      collect(`span.setAttribute('a', 1);
rootSpan.setAttribute('b', 2);
this.span.setAttribute('c', 3);
trace.getActiveSpan()?.setAttribute('d', 4);`),
    ).toEqual(['span a = 1', 'span b = 2', 'span c = 3', 'span d = 4']);
  });

  it('reads what Object.assign merges into a local attributes object', () => {
    expect(
      collect(`const attributes = { 'faas.trigger': 'other' };
Object.assign(attributes, { 'messaging.destination.name': message.to });
tracer.startSpan('email', { attributes });`),
    ).toEqual(['span faas.trigger = \'other\'', 'span messaging.destination.name = message.to']);
  });

  it('reads the attributes option of startSpan and startActiveSpan', () => {
    expect(
      collect(`tracer.startSpan('a', { kind: SpanKind.SERVER, attributes: { 'http.route': route } });
tracer.startActiveSpan('b', { attributes: { 'job.name': name } }, (span) => span.end());`),
    ).toEqual(['span http.route = route', 'span job.name = name']);
  });

  it('reads event attributes from addEvent, but not a start time', () => {
    expect(
      collect(`span.addEvent('retry', { 'retry.count': attempt });
span.addEvent('tick', Date.now());
span.addEvent('tick', startTime);`),
    ).toEqual(['event retry.count = attempt']);
  });

  it('ignores recordException and HTML elements', () => {
    expect(
      collect(`span.recordException(error);
const span = document.createElement('span');
span.setAttribute('title', text);
element.setAttribute('data-id', id);`),
    ).toEqual([]);
  });

  it('ignores receivers that are not spans', () => {
    expect(collect(`map.setAttribute('a', 1); options.setAttributes({ a: 1 }); obj.add(1, { a: 1 }); emitter.emit({ attributes: { a: 1 } });`)).toEqual([]);
  });
});

describe('attribute sinks: objects, spreads and keys', () => {
  it('follows local const objects and spreads, once each', () => {
    expect(
      collect(`const base = { 'service.tier': tier };
const attrs = { ...base, 'user.email': email, ...{ inline: 1 } };
span.setAttributes(attrs);
counter.add(1, base);`),
    ).toEqual(['span service.tier = tier', 'span user.email = email', 'span inline = 1', 'metric service.tier = tier']);
  });

  it('does not follow reassigned variables or objects from elsewhere', () => {
    expect(
      collect(`let attrs = { a: 1 };
attrs = other;
span.setAttributes(attrs);
span.setAttributes(getAttributes());
span.setAttributes({ ...headers });`),
    ).toEqual([]);
  });

  it('resolves semantic-convention constants from both entry points and the old objects', () => {
    expect(
      collect(`import { ATTR_HTTP_REQUEST_METHOD, SEMATTRS_HTTP_URL, SemanticAttributes } from '@opentelemetry/semantic-conventions';
import { ATTR_USER_EMAIL as EMAIL } from '@opentelemetry/semantic-conventions/incubating';
import * as semconv from '@opentelemetry/semantic-conventions';
span.setAttribute(ATTR_HTTP_REQUEST_METHOD, method);
span.setAttribute(SEMATTRS_HTTP_URL, url);
span.setAttributes({ [SemanticAttributes.HTTP_TARGET]: target, [EMAIL]: email, [semconv.ATTR_URL_PATH]: path });`),
    ).toEqual(['span http.request.method = method', 'span http.url = url', 'span http.target = target', 'span user.email = email', 'span url.path = path']);
  });

  it('resolves local key constants, templates and concatenations, and skips unknown keys', () => {
    expect(
      collect(`const PREFIX = 'app';
const KEYS = { EMAIL: 'user.email' } as const;
span.setAttribute(\`\${PREFIX}.user\`, a);
span.setAttribute(PREFIX + '.tenant', b);
span.setAttribute(KEYS.EMAIL, c);
span.setAttribute(key, d);
span.setAttributes({ [dynamic]: e });`),
    ).toEqual(['span app.user = a', 'span app.tenant = b', 'span user.email = c']);
  });
});

describe('attribute sinks: metrics and logs', () => {
  it('reads instruments created by the meter and named like instruments', () => {
    expect(
      collect(`const requests = meter.createCounter('requests');
requests.add(1, { 'user.id': userId });
requestHistogram.record(ms, { route });
this.errorCounter.add(1, { code });
meter.createGauge('queue').record(size, { queue: name });
requests.add(1);`),
    ).toEqual(['metric user.id = userId', 'metric route = route', 'metric code = code', 'metric queue = name']);
  });

  it('reads class fields holding instruments and observable callbacks', () => {
    expect(
      collect(`class Metrics {
  private readonly jobs = meter.createUpDownCounter('jobs');
  private readonly latency: Histogram;
  constructor() { this.latency = meter.createHistogram('latency'); }
  run(id: string) { this.jobs.add(1, { 'job.id': id }); this.latency.record(1, { kind }); }
}
const usage = meter.createObservableGauge('usage');
usage.addCallback((result) => result.observe(1, { host }));`),
    ).toEqual(['metric job.id = id', 'metric kind = kind', 'metric host = host']);
  });

  it('reads logger.emit attributes from the logs API', () => {
    expect(
      collect(`const log = logs.getLogger('svc');
log.emit({ body: 'x', attributes: { 'user.email': email } });
logger.emit({ severityNumber: 9, attributes: { ok: true } });
logger.emit('error', { attributes: { a: 1 } });`),
    ).toEqual(['log user.email = email', 'log ok = true']);
  });

  it('works on plain JavaScript without type information', () => {
    expect(collect(`const span = tracer.startSpan('x'); span.setAttributes({ a: 1 }); span.end();`, { javascript: true })).toEqual(['span a = 1']);
  });
});

describe('attribute sinks: one reading per call', () => {
  it('hands every rule that asks about a call the same occurrences, in the same order', () => {
    const seen: Array<Array<{ key: string; node: unknown }>> = [[], []];
    const probe = (index: number): TSESLint.RuleModule<string, []> => ({
      defaultOptions: [],
      meta: { type: 'problem', messages: {}, schema: [] },
      create: (context) => createAttributeVisitor(context, (attribute) => seen[index]!.push({ key: attribute.key, node: attribute.keyNode })),
    });
    const config: Linter.Config = {
      files: ['**/*.ts'],
      plugins: { probe: { rules: { first: probe(0) as never, second: probe(1) as never } } },
      rules: { 'probe/first': 'error', 'probe/second': 'error' },
      languageOptions: { parser: tsParser as Linter.Parser },
    };
    new Linter({ configType: 'flat' }).verify(`span.setAttributes({ b: 1, a: 2 });\ncounter.add(1, { c: 3 });`, [config], { filename: 'file.ts' });
    expect(seen[0]!.map((entry) => entry.key)).toEqual(['b', 'a', 'c']);
    // The very same key nodes: the call was read once.
    expect(seen[1]!.every((entry, index) => entry.node === seen[0]![index]!.node)).toBe(true);
    expect(seen[1]).toHaveLength(3);
  });
});
