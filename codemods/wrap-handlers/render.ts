import { ENTRY_POINT_ATTRIBUTES } from '../../src/catalog/entry-points.js';
import type { FileStyle } from '../../src/transform/file-style.js';
import type { WrittenMember } from '../../src/transform/object-literal.js';
import type { SpanWrapSpec } from '../../src/transform/wrap-body.js';
import { INLINE_CARRIER_GETTERS, type InlineCarrierGetter, type InlineCarrierReader } from '../inject-propagation/helper-functions.js';
import { getHandedOnErrorEdits } from './handed-on-errors.js';
import { LAMBDA_TRIGGER_HELPERS } from './lambda-triggers.js';
import type { CarrierDecoding, CarrierGetter, WrapTarget, WrappedValue } from './target.js';

/** How the file refers to what the generated code uses. */
export interface ApiRefs {
  tracer: string;
  trace: string;
  spanKind: string;
  statusCode: string;
  context?: string;
  propagation?: string;
  rootContext?: string;
  /** The context extraction starts from: `context.active()`, or `ROOT_CONTEXT` where `context` is shadowed. */
  activeContext?: string;
  /** Nest's `Headers` parameter decorator, when a route gets a `@Headers()` parameter. */
  nestHeaders?: string;
  /**
   * Carriers the file reads (or decodes) through a helper function, written once, instead of an inline getter (or
   * decoder): how it calls it.
   */
  getterHelpers?: Partial<Record<InlineCarrierGetter | InlineCarrierReader, string>>;
}

function quote(value: string, style: FileStyle): string {
  return `${style.quote}${value.replace(/\\/g, '\\\\').replaceAll(style.quote, `\\${style.quote}`)}${style.quote}`;
}

function renderValue(value: WrappedValue, style: FileStyle): string {
  return 'literal' in value ? quote(value.literal, style) : value.expression;
}

/** The span name, options and parent context of a target, as text for the file. */
export function renderSpanSpec(target: WrapTarget, refs: ApiRefs, kind: string, style: FileStyle): SpanWrapSpec {
  const name = 'literal' in target.name ? quote(target.name.literal, style) : `\`${target.name.prefix.replace(/[`$\\]/g, '\\$&')}\${${target.name.expression}}\``;
  const attributes: WrittenMember[] = target.attributes.map(({ key, value }) => ({ key: quote(key, style), value: renderValue(value, style) }));
  const extract = (inlineCarrier: string, getter: CarrierGetter, decoding?: CarrierDecoding): string => {
    const active = refs.activeContext ?? `${refs.context}.active()`;
    // A reader's helper returns a plain carrier, read with the default getter; without it, the inline carrier and getter.
    const reader = decoding && refs.getterHelpers?.[decoding.reader];
    if (reader) return `${refs.propagation}.extract(${active}, ${reader}(${decoding.argument}))`;
    const helper = getter === 'default' ? undefined : refs.getterHelpers?.[getter];
    if (helper) return `${helper}(${inlineCarrier})`;
    return `${refs.propagation}.extract(${active}, ${inlineCarrier}${getter === 'default' ? '' : `, ${INLINE_CARRIER_GETTERS[getter].text}`})`;
  };
  if (target.triggers) {
    // The trigger is known only at run time: the helpers written once per file choose the options and the parent.
    const { event, spans } = target.triggers;
    const spec: SpanWrapSpec = {
      tracer: refs.tracer,
      name,
      options: `${LAMBDA_TRIGGER_HELPERS.options}(${event})`,
      parentContext: spans.some((trigger) => trigger.span.extraction) ? `${LAMBDA_TRIGGER_HELPERS.parent}(${event})` : undefined,
      statusCode: refs.statusCode,
    };
    return target.returnsHttpResponse ? { ...spec, afterResult: (span, result) => getResultStatusLines(span, result, refs.statusCode, style) } : spec;
  }
  const options: WrittenMember[] = [{ key: 'kind', value: `${refs.spanKind}.${kind}` }];
  if (attributes.length > 0) options.push({ key: 'attributes', value: attributes });
  if (target.links) {
    // A batch has many producers: its span links to each record's context instead of choosing one parent.
    const linked = `${refs.trace}.getSpanContext(${extract(target.links.carrier, target.links.getter, target.links.decoding)})`;
    options.push({ key: 'links', value: { head: `${target.links.records}.flatMap((record) => {`, statements: [`const linked = ${linked}`, 'return linked ? [{ context: linked }] : []'], tail: '})' } });
  }
  const parentContext = target.extraction ? extract(target.extraction.carrier, target.extraction.getter, target.extraction.decoding) : undefined;
  const spec: SpanWrapSpec = { tracer: refs.tracer, name, options, parentContext, statusCode: refs.statusCode };
  if (target.returnsHttpResponse) return { ...spec, afterResult: (span, result) => getResultStatusLines(span, result, refs.statusCode, style) };
  // Not Lambda handlers: an error a Lambda throws fails the invocation, whatever status it carries.
  if (target.kind !== 'http') return spec;
  const { response, next, errorStatusFields, answeredStatus, resultIsResponse } = target.http ?? {};
  const fn = target.fn;
  const afterResult: SpanWrapSpec['afterResult'] = answeredStatus
    ? (span) => getAnsweredStatusLines(span, answeredStatus, refs.statusCode, style)
    : resultIsResponse
      ? (span, result) => getResultStatusLines(span, result, refs.statusCode, style, 'status')
      : undefined;
  return {
    ...spec,
    afterResult,
    clientErrorsAreNotErrors: true,
    thrownErrorsAnswered: answeredStatus !== undefined,
    statusFromResponse: response !== undefined,
    errorStatusFields,
    endSpan: response ? (span) => getEndWithResponseLines(span, response, refs.statusCode, style) : undefined,
    bodyEdits: next && fn ? (span) => getHandedOnErrorEdits(fn, next, span, { statusCode: refs.statusCode, errorStatusFields, statusFromResponse: response !== undefined }, style) : undefined,
  };
}

/**
 * A Lambda invoked over HTTP answers with its result (`statusCode`), a Hono or Next.js handler with a fetch `Response`
 * (`status`): the status code goes on the span, and a 5xx is an error.
 */
function getResultStatusLines(span: string, result: string, statusCode: string, style: FileStyle, field: 'statusCode' | 'status' = 'statusCode'): string[] {
  // `Object(result)` reads the field from any result (a string, undefined) without a cast.
  return [
    `if (typeof Object(${result}).${field} === 'number') {`,
    `\t${span}.setAttribute(${quote(ENTRY_POINT_ATTRIBUTES.httpResponseStatusCode, style)}, Object(${result}).${field})`,
    `\tif (Object(${result}).${field} >= 500) ${span}.setStatus({ code: ${statusCode}.ERROR })`,
    '}',
  ];
}

/**
 * Koa and Fastify: once an async handler has returned without throwing, the answer's status code is set (Koa's
 * `ctx.status`, 404 until a body is set; Fastify's `reply.statusCode`). A thrown error is left to the catch, whose
 * status rule reads the error's own status.
 */
function getAnsweredStatusLines(span: string, status: string, statusCode: string, style: FileStyle): string[] {
  return [`${span}.setAttribute(${quote(ENTRY_POINT_ATTRIBUTES.httpResponseStatusCode, style)}, ${status})`, `if (${status} >= 500) ${span}.setStatus({ code: ${statusCode}.ERROR })`];
}

/**
 * Express: the span ends with the answer, and the answer decides the status. An error handed to `next(err)` or thrown
 * may be answered with any status by the app's error handler, which the codemod cannot see (a library's
 * `ValidationError` answered 400): the error is recorded where it is handed on, and ERROR is set here, only for a 5xx
 * answer or a connection that closed without one. An answer still to come (an async error handler, a callback) ends
 * the span when the response closes ('close' also comes when the client goes away first, so the span always ends).
 * A client that went away while the handler was still working has closed the response already: its 'close' has been
 * emitted, and an answer written after it sets no headers, so the span ends there, ERROR, when the handler is done.
 */
function getEndWithResponseLines(span: string, response: string, statusCode: string, style: FileStyle): string[] {
  const semicolon = style.semicolons ? ';' : '';
  const attribute = quote(ENTRY_POINT_ATTRIBUTES.httpResponseStatusCode, style);
  return [
    `if (${response}.headersSent) {`,
    `	${span}.setAttribute(${attribute}, ${response}.statusCode)${semicolon}`,
    `	if (${response}.statusCode >= 500) ${span}.setStatus({ code: ${statusCode}.ERROR })${semicolon}`,
    `	${span}.end()${semicolon}`,
    `} else if (${response}.destroyed) {`,
    `	${span}.setStatus({ code: ${statusCode}.ERROR })${semicolon}`,
    `	${span}.end()${semicolon}`,
    '} else {',
    `	${response}.once('close', () => {`,
    `		if (${response}.headersSent) ${span}.setAttribute(${attribute}, ${response}.statusCode)${semicolon}`,
    `		if (!${response}.headersSent || ${response}.statusCode >= 500) ${span}.setStatus({ code: ${statusCode}.ERROR })${semicolon}`,
    `		${span}.end()${semicolon}`,
    `	})${semicolon}`,
    '}',
  ];
}
