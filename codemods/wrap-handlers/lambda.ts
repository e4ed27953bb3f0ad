import { isExportedByName } from '../../src/transform/syntax-scope.js';
import { basename, extname } from 'node:path';
import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import { ARN_DESTINATION_KEYS, ENTRY_POINT_ATTRIBUTES, LAMBDA_DATASOURCE_EVENT_SHAPE, LAMBDA_HTTP_EVENT_SHAPE, LAMBDA_DATASOURCE_EVENT_TYPES, LAMBDA_DATASOURCE_RECORD_FIELDS, LAMBDA_EVENT_PARAMETER, LAMBDA_HTTP_EVENT_FIELDS, LAMBDA_HTTP_EVENT_TYPES, LAMBDA_HANDLER_EXPORT_NAMES, LAMBDA_TYPE_MODULES } from '../../src/catalog/entry-points.js';
import { CONSUME_OPERATIONS, DEFAULT_ENVELOPE_CARRIER_KEY, EACH, type CarrierPath, type ConsumeOperation } from '../../src/catalog/messaging/index.js';
import { getTriggerName, type TriggerSpan } from './lambda-triggers.js';
import { INLINE_CARRIER_READERS } from '../inject-propagation/helper-functions.js';
import { isWrappableFunction, type WrappableFunction } from '../../src/transform/wrap-body.js';
import { getUnwrappedText } from '../../src/transform/expression-names.js';
import { resolveFunction } from '../../src/transform/messaging-facts.js';
import {
  getAccessPath,
  getCarrierExpression,
  getFunctionByReference,
  getInlineFunction,
  getLoopMessage,
  getParameterPath,
  importsAnyModule,
  skippedNote,
  type CarrierDecoding,
  type CarrierGetter,
  type Collected,
  type WrapTarget,
  type WrappedValue,
} from './target.js';

export interface LambdaOptions {
  exportNames: readonly string[];
  isTypeScript: boolean;
  quote: string;
}

/**
 * The `lambdaExportNames` option: a list (config, CLI `--lambda-export-names`) or one comma-separated string (a
 * jscodeshift flag `--lambdaExportNames=main,onEvent`); undefined keeps the catalog's names.
 */
export function getLambdaExportNames(option: unknown): string[] | undefined {
  const names = Array.isArray(option) ? option.map(String) : typeof option === 'string' ? option.split(',') : undefined;
  return names?.map((name) => name.trim()).filter(Boolean);
}

const LAMBDA_GETTERS: Partial<Record<string, CarrierGetter>> = {
  'lambda-sqs-message-attributes': 'lambda-sqs',
  'lambda-sns-message-attributes': 'lambda-sns',
  envelope: 'default',
  // Kinesis record data, decoded into a plain object (see getRecordCarrier).
  'json-in-bytes-field': 'default',
};

/**
 * The carrier of one record: for Kinesis, the envelope inside the record's base64-encoded JSON data (a record that is
 * not JSON, or has no envelope, gives an empty carrier, so the span then has no remote parent), decoded inline or, where
 * the file reads it more than once, by a helper (see provideGetterHelpers); for SQS, the message attributes or the
 * carrier of an EventBridge event or SNS notification delivered as the body, by a helper; otherwise as getCarrierExpression writes it.
 */
function getRecordCarrier(record: string, location: ConsumeOperation['carriers'][number], getter: CarrierGetter, file: FileFacts): { carrier: string; getter: CarrierGetter; decoding?: CarrierDecoding } {
  if (location.encoding === 'lambda-sqs-message-attributes' && location.bodyEnvelopes) {
    // The inline form, where the helper's name is taken, reads the attributes only.
    return { carrier: getCarrierExpression(record, location.path, getter, location.envelopeKey, file.isTypeScript, file.quote), getter, decoding: { reader: 'sqs-record', argument: record } };
  }
  if (location.encoding !== 'json-in-bytes-field' || !location.envelopeKey) return { carrier: getCarrierExpression(record, location.path, getter, location.envelopeKey, file.isTypeScript, file.quote), getter };
  const data = getAccessPath(record, location.path, false, file.quote);
  if (location.envelopeKey === DEFAULT_ENVELOPE_CARRIER_KEY) return { carrier: INLINE_CARRIER_READERS['kinesis-data'].text(data), getter, decoding: { reader: 'kinesis-data', argument: data } };
  return { carrier: `(() => { try { return JSON.parse(Buffer.from(${data}, 'base64').toString('utf8'))?.${location.envelopeKey} ?? {} } catch { return {} } })()`, getter };
}

/**
 * AWS Lambda handlers: `export const handler = …`, `export function handler`, `exports.handler = …` and
 * `module.exports.handler = …`, for each name in `exportNames`. The span is named as Lambda names the handler,
 * `<file>.<export>` (`orders.handler`). A handler typed with an SQS or SNS event also gets a CONSUMER span per record
 * (around the body of its loop over `event.Records`); one typed with an EventBridge event continues the trace of the
 * carrier in the event's detail.
 */
export function collectLambdaHandlers(sourceFile: SourceFile, filePath: string, options: Partial<LambdaOptions> = {}): Collected {
  const { exportNames = LAMBDA_HANDLER_EXPORT_NAMES, isTypeScript = true, quote = "'" } = options;
  const collected: Collected = { targets: [], notes: [] };
  const typedFile = importsAnyModule(sourceFile, LAMBDA_TYPE_MODULES);
  const moduleName = basename(filePath, extname(filePath));
  const add = (exportName: string, site: Node, fn: WrappableFunction | undefined, typeName?: string): void => {
    if (!fn) {
      if (typedFile) collected.notes.push(skippedNote(site, `Lambda handler ${exportName}: not an inline function (wrapped by a middleware or defined elsewhere)`));
      return;
    }
    const firstParameter = fn.getParameters()[0]?.getName() ?? '';
    if (!typedFile && !LAMBDA_EVENT_PARAMETER.test(firstParameter)) return;
    if (!fn.isAsync() && fn.getParameters().length >= 3) {
      // The result goes to the callback, maybe later: a span around the body would end before the work.
      collected.notes.push(skippedNote(site, `Lambda handler ${exportName}: callback-style (event, context, callback); make it async and return the result, then run the codemod again`));
      return;
    }
    const target: WrapTarget = { fn, name: { literal: `${moduleName}.${exportName}` }, kind: 'SERVER', attributes: [] };
    const { operation, several } = getLambdaConsumeOperation(fn, typeName);
    if (several) {
      collectSeveralTriggers(target, several, { isTypeScript, quote }, collected);
      return;
    }
    const http = operation ? undefined : getHttpEventHeaders(fn, typeName, quote);
    if (!operation && !http && isDataSourceHandler(fn, typeName)) collected.targets.push({ ...target, attributes: [faasTrigger('datasource')] });
    else if (!operation) collected.targets.push({ ...target, extraction: http, attributes: http ? [faasTrigger('http')] : [], returnsHttpResponse: http !== undefined });
    else if (operation.message.path.includes(EACH)) {
      collected.targets.push(getBatchTarget(fn, operation, { ...target, attributes: [faasTrigger('pubsub')] }, { isTypeScript, quote }));
      collectRecordLoops(fn, operation, { isTypeScript, quote }, collected);
    } else collected.targets.push(getEventConsumerTarget(fn, operation, target, { isTypeScript, quote }) ?? target);
  };

  for (const statement of sourceFile.getStatements()) {
    if (Node.isFunctionDeclaration(statement) && exportNames.includes(statement.getName() ?? '') && isExportedByName(sourceFile, statement, statement.getName()!)) {
      add(statement.getName()!, statement, statement);
    } else if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const typeName = declaration.getTypeNode()?.getText().replace(/<.*$/s, '');
        if (exportNames.includes(declaration.getName()) && isExportedByName(sourceFile, statement, declaration.getName())) add(declaration.getName(), declaration, getHandlerFunction(sourceFile, declaration.getInitializer()), typeName);
      }
    } else if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (!Node.isBinaryExpression(expression) || expression.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
      const exportName = getCommonJsExportName(expression.getLeft());
      if (exportName && exportNames.includes(exportName)) add(exportName, statement, getHandlerFunction(sourceFile, expression.getRight()));
    }
  }
  return collected;
}

/**
 * An API Gateway, ALB or function URL event carries the caller's `traceparent` in `event.headers`: by its type
 * (`APIGatewayProxyEvent`, `APIGatewayProxyHandlerV2`, …) or, untyped, by the handler reading HTTP fields of the event.
 */
function getHttpEventHeaders(fn: WrappableFunction, handlerTypeName: string | undefined, quote: string): WrapTarget['extraction'] {
  const eventTypeName = fn.getParameters()[0]?.getTypeNode()?.getText().replace(/<.*$/s, '');
  const typed = [eventTypeName, handlerTypeName].some((name) => name !== undefined && LAMBDA_HTTP_EVENT_TYPES.test(name));
  if (!typed && !LAMBDA_HTTP_EVENT_FIELDS.some(getEventReads(getEventScopes(fn)).readsEventField)) return undefined;
  const headers = getEventPath(fn, 0, ['headers'], quote);
  return headers === undefined ? undefined : { carrier: `${headers} ?? {}`, getter: 'default' };
}

/** Modules whose wrapper only calls the handler it is given, around its middlewares. */
const TRANSPARENT_WRAPPER_MODULES = ['@middy/core', 'middy'];

/**
 * The function an exported handler runs: an inline function, or the handler given to middy
 * (`middy(lambdaHandler).use(…)`), inline or a function of the same file that nothing else uses. Other wrappers are
 * left alone: what they do around the handler is not known.
 */
function getHandlerFunction(sourceFile: SourceFile, value: Node | undefined): WrappableFunction | undefined {
  const inline = getInlineFunction(value);
  if (inline || !value) return inline;
  let call: Node = value;
  while ((Node.isCallExpression(call) || Node.isPropertyAccessExpression(call)) && !(Node.isCallExpression(call) && Node.isIdentifier(call.getExpression()))) call = call.getExpression();
  if (!Node.isCallExpression(call) || !isImportedFrom(sourceFile, call.getExpression().getText(), TRANSPARENT_WRAPPER_MODULES)) return undefined;
  const [handler] = call.getArguments();
  return getInlineFunction(handler) ?? getFunctionByReference(handler);
}

/** Whether `name` is the default import (or `require`) of one of the modules. */
function isImportedFrom(sourceFile: SourceFile, name: string, modules: readonly string[]): boolean {
  if (sourceFile.getImportDeclarations().some((declaration) => modules.includes(declaration.getModuleSpecifierValue()) && declaration.getDefaultImport()?.getText() === name)) return true;
  return sourceFile.getVariableDeclarations().some((declaration) => {
    const init = declaration.getInitializer();
    return declaration.getName() === name && Node.isCallExpression(init) && init.getExpression().getText() === 'require' && modules.includes(init.getArguments()[0]?.getText().slice(1, -1) ?? '');
  });
}

/** `handler` for `exports.handler` and `module.exports.handler`. */
function getCommonJsExportName(left: Node): string | undefined {
  if (!Node.isPropertyAccessExpression(left)) return undefined;
  const object = left.getExpression().getText();
  return object === 'exports' || object === 'module.exports' ? left.getName() : undefined;
}

/**
 * The catalog's Lambda consume operation for a handler typed `SQSHandler` or whose event parameter is typed `SQSEvent`;
 * for a handler without types (an untyped or `any` event), the one whose fields it reads (see getInferredOperation).
 */
function getLambdaConsumeOperation(fn: WrappableFunction, handlerTypeName: string | undefined): { operation?: ConsumeOperation; several?: SeveralTriggers } {
  const eventTypeName = fn.getParameters()[0]?.getTypeNode()?.getText().replace(/<.*$/s, '');
  // An event typed `unknown` is read through casts (`(event as SQSEvent).Records`), which the field reads see through.
  if ((eventTypeName === undefined || eventTypeName === 'any' || eventTypeName === 'unknown') && handlerTypeName === undefined) return getInferredOperation(fn);
  const operation = CONSUME_OPERATIONS.find((operation) =>
    operation.matchers.some(
      (matcher) =>
        matcher.kind === 'lambda-handler' &&
        ((eventTypeName !== undefined && matcher.eventTypeNames.includes(eventTypeName)) || (handlerTypeName !== undefined && matcher.handlerTypeNames.includes(handlerTypeName))),
    ),
  );
  return { operation };
}

/** What a handler that serves several triggers shows of each: the consumers, and whether HTTP or a DynamoDB stream. */
interface SeveralTriggers {
  event: string;
  operations: readonly ConsumeOperation[];
  http: boolean;
  datasource: boolean;
}

/**
 * A handler of several triggers: one span whose kind, attributes and parent (or links) are those a handler of the
 * trigger that invoked it would get, chosen at run time (see lambda-triggers.ts). A loop over the records of the one
 * queue or topic it reads gets a span per record, as in a handler of that trigger alone.
 */
function collectSeveralTriggers(target: WrapTarget, several: SeveralTriggers, file: FileFacts, collected: Collected): void {
  const spans: TriggerSpan[] = [];
  const recordOperations = several.operations.filter((operation) => operation.message.path.includes(EACH));
  for (const operation of several.operations) {
    const matcher = operation.matchers.find((candidate) => candidate.kind === 'lambda-handler');
    const shape = matcher?.kind === 'lambda-handler' ? matcher.eventShape : undefined;
    const span = operation.message.path.includes(EACH) ? getTriggerBatchSpan(operation, file) : getTriggerEventSpan(operation, file);
    if (shape && span) spans.push({ trigger: getTriggerName(shape), span });
  }
  if (several.datasource) spans.push({ trigger: getTriggerName(LAMBDA_DATASOURCE_EVENT_SHAPE), span: { fn: undefined, name: { literal: '' }, kind: 'SERVER', attributes: [faasTrigger('datasource')] } });
  if (several.http) {
    const headers = getAccessPath(TRIGGER_EVENT, ['headers'], false, file.quote);
    spans.push({ trigger: getTriggerName(LAMBDA_HTTP_EVENT_SHAPE), span: { fn: undefined, name: { literal: '' }, kind: 'SERVER', attributes: [faasTrigger('http')], extraction: { carrier: `${headers} ?? {}`, getter: 'default' } } });
  }
  collected.targets.push({ ...target, triggers: { event: several.event, spans }, returnsHttpResponse: several.http });
  if (recordOperations.length === 1 && target.fn) collectRecordLoops(target.fn, recordOperations[0]!, file, collected);
}

/** The helpers that choose a span take the event under this name. */
const TRIGGER_EVENT = 'event';

/** The batch span of a queue or topic trigger, written in terms of the helpers' `event`: links to every record's producer. */
function getTriggerBatchSpan(operation: ConsumeOperation, file: FileFacts): WrapTarget | undefined {
  const location = operation.carriers[0];
  const getter = location ? LAMBDA_GETTERS[location.encoding] : undefined;
  if (!location || !getter) return undefined;
  const records = getAccessPath(TRIGGER_EVENT, operation.message.path.slice(0, operation.message.path.indexOf(EACH)), false, file.quote);
  return { fn: undefined, name: { literal: '' }, kind: 'SERVER', attributes: [faasTrigger('pubsub')], links: { records, ...getRecordCarrier('record', location, getter, file) } };
}

/** The span of an event trigger (EventBridge), written in terms of the helpers' `event`: a CONSUMER continuing the producer's trace. */
function getTriggerEventSpan(operation: ConsumeOperation, file: FileFacts): WrapTarget | undefined {
  const location = operation.carriers[0];
  const getter = location ? LAMBDA_GETTERS[location.encoding] : undefined;
  if (!location || !getter) return undefined;
  const event = getAccessPath(TRIGGER_EVENT, operation.message.path, false, file.quote);
  const { destination } = operation;
  const name = destination.kind === 'parameter' ? getAccessPath(TRIGGER_EVENT, destination.path, false, file.quote) : undefined;
  return {
    fn: undefined,
    name: { literal: '' },
    kind: 'CONSUMER',
    attributes: [faasTrigger('pubsub'), ...getMessagingAttributes(operation, name === undefined ? undefined : { expression: name })],
    extraction: { carrier: getCarrierExpression(event, location.path, getter, location.envelopeKey, file.isTypeScript, file.quote), getter },
  };
}

/**
 * Where a handler's event is visible: the handler itself, with its event parameter, and the same-file functions it
 * hands the event (`sqsInvocation(event)`) or its records (`processRecords(event.Records)`) to, up to two calls away.
 * `records` are the expressions that name the event's record list in that function.
 */
interface EventScope {
  fn: WrappableFunction;
  event?: string;
  records: string[];
}

const MAX_EVENT_HOPS = 2;

function getEventScopes(fn: WrappableFunction): EventScope[] {
  const event = fn.getParameters()[0]?.getNameNode();
  if (!event || !Node.isIdentifier(event)) return [];
  const scopes: EventScope[] = [{ fn, event: event.getText(), records: getRecordLists(fn, event.getText()) }];
  for (let hop = 0, from = 0; hop < MAX_EVENT_HOPS; hop++) {
    const reached = scopes.length;
    for (const scope of scopes.slice(from, reached)) {
      for (const call of scope.fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = resolveFunction(call.getExpression());
        if (!isWrappableFunction(callee) || scopes.some((known) => known.fn === callee)) continue;
        call.getArguments().forEach((argument, index) => {
          const parameter = callee.getParameters()[index]?.getNameNode();
          if (!parameter || !Node.isIdentifier(parameter) || scopes.some((known) => known.fn === callee)) return;
          const name = parameter.getText();
          const passed = getUnwrappedText(argument);
          if (passed === scope.event) scopes.push({ fn: callee, event: name, records: getRecordLists(callee, name) });
          else if (scope.records.includes(passed)) scopes.push({ fn: callee, records: [name] });
        });
      }
    }
    from = reached;
  }
  return scopes;
}

/** `event.Records`, and variables it is copied into (`const records = event.Records`). */
function getRecordLists(fn: WrappableFunction, event: string): string[] {
  const copies = fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration).filter((d) => {
    const initializer = d.getInitializer();
    return initializer !== undefined && getUnwrappedText(initializer) === `${event}.Records` && Node.isIdentifier(d.getNameNode());
  });
  return [`${event}.Records`, ...copies.map((d) => d.getName())];
}

/**
 * How generated code reads the handler's event: by its name, or, for an event typed `unknown`, through the cast the
 * handler itself writes (`(event as SQSEvent)`); undefined when an `unknown` event is never cast directly.
 */
function getEventExpression(fn: WrappableFunction): string | undefined {
  const parameter = fn.getParameters()[0];
  const name = parameter?.getNameNode();
  if (!parameter || !name || !Node.isIdentifier(name)) return undefined;
  if (parameter.getTypeNode()?.getText() !== 'unknown') return name.getText();
  const cast = fn.getDescendantsOfKind(SyntaxKind.AsExpression).find((candidate) => getUnwrappedText(candidate.getExpression()) === name.getText());
  return cast ? `(${name.getText()} as ${cast.getTypeNode()?.getText()})` : undefined;
}

/** `getParameterPath` for the event parameter, read as getEventExpression says. */
function getEventPath(fn: WrappableFunction, index: number, path: CarrierPath, quote: string): string | undefined {
  const written = getParameterPath(fn, index, path, quote);
  const parameter = fn.getParameters()[index];
  if (written === undefined || index !== 0 || parameter?.getTypeNode()?.getText() !== 'unknown') return written;
  const event = getEventExpression(fn);
  const name = parameter.getName();
  return event === undefined || !written.startsWith(name) ? undefined : `${event}${written.slice(name.length)}`;
}

/** What the functions of a handler read of its event: fields of the event itself, and fields of its records. */
interface EventReads {
  readsRecords: boolean;
  readsOnRecord: (field: string) => boolean;
  readsEventField: (field: string) => boolean;
}

function getEventReads(scopes: readonly EventScope[]): EventReads {
  const facts = scopes.map((scope) => {
    const reads = getFieldReads(scope.fn);
    const recordNames = new Set(scope.records.flatMap((records) => getRecordNames(scope.fn, records)));
    return { scope, reads, recordNames };
  });
  return {
    readsRecords: facts.some(({ scope, reads }) => scope.event === undefined || reads.some(({ object, field }) => object === scope.event && field === 'Records')),
    readsOnRecord: (field) =>
      facts.some(({ scope, reads, recordNames }) => reads.some(({ object, field: read }) => read === field && (recordNames.has(object) || scope.records.some((records) => object.startsWith(`${records}[`))))),
    readsEventField: (field) => facts.some(({ scope, reads }) => scope.event !== undefined && reads.some(({ object, field: read }) => object === scope.event && read === field)),
  };
}

/**
 * The trigger of an untyped handler, from what it (or a same-file function it hands the event to) reads: a field of a
 * record of `event.Records` (`record.body` for SQS, `record.Sns` for SNS), or of the event itself (`event.detail` for
 * EventBridge). Records are whatever the handler reads `event.Records` into: a loop variable, a `map`/`forEach`
 * callback's parameter, `event.Records[0]`.
 */
function getInferredOperation(fn: WrappableFunction): { operation?: ConsumeOperation; several?: SeveralTriggers } {
  const scopes = getEventScopes(fn);
  const eventExpression = getEventExpression(fn);
  if (scopes.length === 0 || eventExpression === undefined) return {};
  const { readsRecords, readsOnRecord, readsEventField } = getEventReads(scopes);
  const matches = CONSUME_OPERATIONS.filter((operation) =>
    operation.matchers.some((matcher) => {
      if (matcher.kind !== 'lambda-handler' || !matcher.inferredFrom) return false;
      const { recordFields = [], eventFields = [] } = matcher.inferredFrom;
      return (readsRecords && recordFields.some(readsOnRecord)) || eventFields.some(readsEventField);
    }),
  );
  // A handler that tells its triggers apart (`if (event.Records) … else if (event['detail-type']) …`, or HTTP besides)
  // gets a span chosen at run time: one trigger's span would be wrong for the others.
  const records = `\`${scopes[0]!.event}.Records\``;
  const triggers = new Set(matches.map((operation) => operation.system));
  if (readsRecords && !matches.some((operation) => operation.message.path.includes(EACH))) triggers.add(records);
  const http = LAMBDA_HTTP_EVENT_FIELDS.some(readsEventField);
  if (http) triggers.add('HTTP');
  if (triggers.size > 1) return { several: { event: eventExpression, operations: matches, http, datasource: LAMBDA_DATASOURCE_RECORD_FIELDS.some(readsOnRecord) } };
  return { operation: matches[0] };
}

/** Every `object.field`, `object['field']` and `const { field } = object` in the function, as the object's text and the field. */
function getFieldReads(fn: WrappableFunction): Array<{ object: string; field: string }> {
  return fn.getDescendants().flatMap((node): Array<{ object: string; field: string }> => {
    if (Node.isPropertyAccessExpression(node)) return [{ object: getUnwrappedText(node.getExpression()), field: node.getName() }];
    if (Node.isElementAccessExpression(node)) {
      const argument = node.getArgumentExpression();
      const field = argument && (Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument)) ? argument.getLiteralValue() : undefined;
      return field === undefined ? [] : [{ object: getUnwrappedText(node.getExpression()), field }];
    }
    if (Node.isVariableDeclaration(node) && Node.isObjectBindingPattern(node.getNameNode())) {
      const initializer = node.getInitializer();
      if (initializer === undefined) return [];
      const object = getUnwrappedText(initializer);
      return node.getNameNode().asKindOrThrow(SyntaxKind.ObjectBindingPattern).getElements().map((element) => ({ object, field: element.getPropertyNameNode()?.getText() ?? element.getName() }));
    }
    return [];
  });
}

/** Names records of `records` are read into: `for (const r of records)`, `records.map((r) => …)`, `const r = records[0]`. */
function getRecordNames(fn: WrappableFunction, records: string): string[] {
  const names: string[] = [];
  for (const loop of fn.getDescendantsOfKind(SyntaxKind.ForOfStatement)) {
    const initializer = loop.getInitializer();
    const declaration = Node.isVariableDeclarationList(initializer) ? initializer.getDeclarations()[0] : undefined;
    if (declaration && getUnwrappedText(loop.getExpression()) === records) names.push(declaration.getName());
  }
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || getUnwrappedText(callee.getExpression()) !== records) continue;
    const callback = getInlineFunction(call.getArguments()[0]);
    const parameter = callback?.getParameters()[0]?.getNameNode();
    if (parameter && Node.isIdentifier(parameter)) names.push(parameter.getText());
  }
  for (const declaration of fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const initializer = declaration.getInitializer();
    if (initializer && getUnwrappedText(initializer).startsWith(`${records}[`) && Node.isIdentifier(declaration.getNameNode())) names.push(declaration.getName());
  }
  return names;
}

interface FileFacts {
  isTypeScript: boolean;
  quote: string;
}

function getMessagingAttributes(operation: ConsumeOperation, destination: WrappedValue | undefined): WrapTarget['attributes'] {
  const destinationKeys = [ENTRY_POINT_ATTRIBUTES.messagingDestination, ...(operation.destinationAttributes ?? [])];
  return [
    { key: ENTRY_POINT_ATTRIBUTES.messagingSystem, value: { literal: operation.system } },
    ...(destination ? destinationKeys.map((key) => ({ key, value: destination })) : []),
    { key: ENTRY_POINT_ATTRIBUTES.messagingOperationType, value: { literal: operation.operationName } },
  ];
}

/** The destination's name: an ARN's last segment (`orders`), or for a typed resource (`stream/clicks`) the part after the type. */
function getDestinationExpression(base: string, path: readonly string[], arnResourceType: string | undefined, quote: string): string {
  const expression = getAccessPath(base, path, false, quote);
  if (!ARN_DESTINATION_KEYS.includes(path.at(-1) ?? '')) return expression;
  return arnResourceType ? `${expression}.split(/[:/]/).pop()` : `${expression}.split(':').pop()`;
}

/** An EventBridge handler: the event is the message, so the handler's own span continues the producer's trace. */
function getEventConsumerTarget(fn: WrappableFunction, operation: ConsumeOperation, target: WrapTarget, file: FileFacts): WrapTarget | undefined {
  const location = operation.carriers[0];
  const getter = location ? LAMBDA_GETTERS[location.encoding] : undefined;
  const event = getEventPath(fn, operation.message.parameter, operation.message.path, file.quote);
  if (!location || !getter || event === undefined) return undefined;
  const { destination } = operation;
  const name = destination.kind === 'parameter' ? getEventPath(fn, destination.parameter, destination.path, file.quote) : undefined;
  return {
    ...target,
    name: name === undefined ? { literal: `process ${operation.system}` } : { prefix: 'process ', expression: name },
    kind: 'CONSUMER',
    attributes: [faasTrigger('pubsub'), ...getMessagingAttributes(operation, name === undefined ? undefined : { expression: name })],
    extraction: { carrier: getCarrierExpression(event, location.path, getter, location.envelopeKey, file.isTypeScript, file.quote), getter },
  };
}

/**
 * A DynamoDB stream handler: typed `DynamoDBStreamEvent`/`DynamoDBStreamHandler`, or reading `record.dynamodb` of a
 * record of `event.Records`. Its span has no remote parent and no links: stream records carry no trace context.
 */
function isDataSourceHandler(fn: WrappableFunction, handlerTypeName: string | undefined): boolean {
  const eventTypeName = fn.getParameters()[0]?.getTypeNode()?.getText().replace(/<.*$/s, '');
  if ([eventTypeName, handlerTypeName].some((name) => name !== undefined && LAMBDA_DATASOURCE_EVENT_TYPES.test(name))) return true;
  if (eventTypeName !== undefined && eventTypeName !== 'any') return false;
  return LAMBDA_DATASOURCE_RECORD_FIELDS.some(getEventReads(getEventScopes(fn)).readsOnRecord);
}

/**
 * `faas.trigger` of the invocation's own span: `http` for API Gateway and function URLs, `pubsub` for queues, topics,
 * buses and Kinesis streams, `datasource` for DynamoDB streams.
 */
function faasTrigger(trigger: 'http' | 'pubsub' | 'datasource'): WrapTarget['attributes'][number] {
  return { key: ENTRY_POINT_ATTRIBUTES.faasTrigger, value: { literal: trigger } };
}

/** An SQS or SNS handler's own span, linked to the context of every record in the batch. */
function getBatchTarget(fn: WrappableFunction, operation: ConsumeOperation, target: WrapTarget, file: FileFacts): WrapTarget {
  const location = operation.carriers[0];
  const getter = location ? LAMBDA_GETTERS[location.encoding] : undefined;
  const records = getEventPath(fn, operation.message.parameter, operation.message.path.slice(0, operation.message.path.indexOf(EACH)), file.quote);
  if (!location || !getter || records === undefined) return target;
  return { ...target, links: { records, ...getRecordCarrier('record', location, getter, file) } };
}

/**
 * `for (const record of event.Records) { … }` in an SQS or SNS handler: the loop body becomes one CONSUMER span per
 * record, whose parent is extracted from the record's message attributes.
 */
function collectRecordLoops(fn: WrappableFunction, operation: ConsumeOperation, file: FileFacts, collected: Collected): void {
  const location = operation.carriers[0];
  const getter = location ? LAMBDA_GETTERS[location.encoding] : undefined;
  const eachIndex = operation.message.path.indexOf(EACH);
  const records = getEventPath(fn, operation.message.parameter, operation.message.path.slice(0, eachIndex), file.quote);
  // The loops over the records in the handler, or in a same-file function it hands the event or its records to.
  const scopes = getEventScopes(fn);
  const lists = scopes.length > 0 ? scopes : [{ fn, records: records === undefined ? [] : [records] }];
  const loops = lists.flatMap((scope) => scope.fn.getDescendantsOfKind(SyntaxKind.ForOfStatement).filter((loop) => scope.records.includes(getUnwrappedText(loop.getExpression()))).map((loop) => ({ loop, fn: scope.fn })));
  if (!location || !getter || records === undefined || loops.length === 0) {
    collected.notes.push({
      line: fn.getStartLineNumber(),
      kind: 'review',
      message: `${operation.displayName}: no \`for (const record of ${records ?? 'event.Records'})\` loop found, so no span per record was written`,
    });
    return;
  }
  for (const { loop, fn: loopFunction } of loops) {
    const found = getLoopMessage(loop);
    if ('refusal' in found) {
      collected.notes.push(skippedNote(loop, `${operation.displayName}: no span per record: ${found.refusal}`));
      continue;
    }
    const record = found.message;
    const { destination } = operation;
    const destinationPath = destination.kind === 'parameter' ? destination.path.slice(destination.path.indexOf(EACH) + 1) : undefined;
    const name = destinationPath && destinationPath.length > 0 ? getDestinationExpression(record, destinationPath, destination.kind === 'parameter' ? destination.arnResourceType : undefined, file.quote) : undefined;
    collected.targets.push({
      fn: loopFunction,
      loop,
      name: name === undefined ? { literal: `process ${operation.system}` } : { prefix: 'process ', expression: name },
      kind: 'CONSUMER',
      attributes: getMessagingAttributes(operation, name === undefined ? undefined : { expression: name }),
      extraction: getRecordCarrier(record, location, getter, file),
    });
  }
}
