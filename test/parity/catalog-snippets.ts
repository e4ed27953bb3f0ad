import {
  CONSUME_OPERATIONS,
  EACH,
  EACH_IF_ARRAY,
  PUBLISH_OPERATIONS,
  type CarrierPath,
  type ConsumeMatcher,
  type ConsumeOperation,
  type PublishCarrierLocation,
  type PublishMatcher,
  type PublishOperation,
  type ReceiverOrigins,
} from '../../src/catalog/messaging/index.js';

/**
 * Code generated from the messaging catalog, one snippet per way of writing each operation: every import style of its
 * module (namespace, named, default, CommonJS), and for publishes the message inline, in a same-scope variable or
 * imported. Nothing here is listed by hand per library: a new catalog entry gets its snippets from its own data.
 */

export interface Snippet {
  operationId: string;
  variant: string;
  path: string;
  code: string;
  /** Whether the rule can see the whole message here, so it must report the missing carrier. */
  visible: boolean;
  /** Other files of the project the snippet imports, by path relative to it. */
  files?: Record<string, string>;
}

type ImportStyle = 'namespace' | 'named' | 'default' | 'commonjs';
const IMPORT_STYLES: readonly ImportStyle[] = ['namespace', 'named', 'default', 'commonjs'];

/** Names tried, in order, for a receiver that must match a matcher's name pattern (where its origin is not seen). */
const RECEIVER_NAMES = ['producer', 'consumer', 'channel', 'queue', 'flow', 'topic', 'subscription', 'sender', 'batch', 'receiver', 'nc', 'js', 'sqs', 'sns', 'eventBridge', 'kinesis', 'redis', 'client', 'Consumer'];

/** How code refers to one export of a module, per import style. */
class ModuleRefs {
  private readonly names = new Set<string>();
  constructor(
    readonly module: string,
    readonly style: ImportStyle,
  ) {}

  ref(name: string): string {
    this.names.add(name);
    return this.style === 'named' ? name : `lib.${name}`;
  }

  declaration(): string {
    const specifier = `'${this.module}'`;
    switch (this.style) {
      case 'namespace':
        return `import * as lib from ${specifier};`;
      case 'default':
        return `import lib from ${specifier};`;
      case 'commonjs':
        return `const lib = require(${specifier});`;
      default:
        return this.names.size > 0 ? `import { ${[...this.names].sort().join(', ')} } from ${specifier};` : `import ${specifier};`;
    }
  }
}

function fileFor(style: ImportStyle, name: string): string {
  return style === 'commonjs' ? `${name}.js` : `${name}.ts`;
}

/** An expression that makes a receiver by its origin: `new lib.Queue('x')`, `lib.producer()`, `lib.createClient()`. */
function makeReceiver(origins: ReceiverOrigins | undefined, refs: ModuleRefs): string {
  const constructor = origins?.constructors?.[0];
  if (constructor) return `new ${refs.ref(constructor)}('x')`;
  return `${refs.ref(origins?.factories?.[0] ?? 'createClient')}()`;
}

function pickReceiverName(pattern: RegExp): string {
  return RECEIVER_NAMES.find((name) => pattern.test(name)) ?? 'client';
}

const isMapEncoding = (location: PublishCarrierLocation) => !['envelope', 'json-in-string-field', 'json-in-bytes-field'].includes(location.encoding);

/** The payload a JSON or envelope carrier travels in, without a carrier. */
function payload(location: PublishCarrierLocation): string {
  if (location.encoding === 'json-in-string-field') return `JSON.stringify({ id: 'v' })`;
  if (location.encoding === 'json-in-bytes-field') return `Buffer.from(JSON.stringify({ id: 'v' }))`;
  return `{ id: 'v' }`;
}

/** A value along a carrier path, with everything but the carrier itself: arrays hold one element, maps are left out. */
function buildAlong(path: CarrierPath, location: PublishCarrierLocation, keys: readonly string[]): string {
  const [segment, ...rest] = path;
  const fillers = keys.filter((key) => key !== segment).map((key) => `${key}: 'v'`);
  if (segment === undefined) return payload(location);
  if (segment === EACH || segment === EACH_IF_ARRAY) return `[${buildAlong(rest, location, ['value'])}]`;
  if (rest.length === 0 && isMapEncoding(location)) return `{ ${fillers.join(', ')} }`;
  return `{ ${[...fillers, `${segment}: ${buildAlong(rest, location, ['value'])}`].join(', ')} }`;
}

/** The arguments of a publish call: strings, the shape's keys, and the carrier's argument built along its path. */
function buildPublishArguments(operation: PublishOperation, matcher: PublishMatcher): { args: string[]; messageIndex: number } {
  const location = operation.carriers[0]!;
  const shapeArgument = matcher.kind === 'method' ? (matcher.shapeArgument ?? 0) : 0;
  const requiredKeys = matcher.kind === 'method' ? (matcher.requiredKeys ?? []) : [];
  let count = matcher.kind === 'method' ? (matcher.minArguments ?? 1) : 1;
  if (requiredKeys.length > 0) count = Math.max(count, shapeArgument + 1);
  if (!isMapEncoding(location) || location.path.length > 0) count = Math.max(count, location.argument + 1);
  const args: string[] = [];
  for (let index = 0; index < count; index += 1) {
    if (index === location.argument) args.push(buildAlong(location.path, location, index === shapeArgument ? requiredKeys : []));
    else if (index === shapeArgument && requiredKeys.length > 0) args.push(`{ ${requiredKeys.map((key) => `${key}: 'v'`).join(', ')} }`);
    else args.push(`'x'`);
  }
  const messageIndex = location.argument < count ? location.argument : shapeArgument;
  return { args, messageIndex };
}

type ParamStyle = 'inline' | 'variable' | 'imported';

/**
 * A module of the project that makes the receiver and exports it as `target` (ESM, or CommonJS `module.exports`), and
 * the line that imports it: the snippet itself never imports the library, so only the receiver's origin can match.
 */
function projectReceiver(origins: ReceiverOrigins | undefined, module: string, style: 'named' | 'commonjs'): { files: Record<string, string>; importLine: string } {
  const refs = new ModuleRefs(module, style);
  const receiver = makeReceiver(origins, refs);
  if (style === 'commonjs') {
    return { files: { 'receivers.js': [refs.declaration(), '', `module.exports = { target: ${receiver} };`, ''].join('\n') }, importLine: `const { target } = require('./receivers');` };
  }
  return { files: { 'receivers.ts': [refs.declaration(), '', `export const target = ${receiver};`, ''].join('\n') }, importLine: `import { target } from './receivers';` };
}

/** A publish on a receiver made in another file of the project. */
function publishImportedReceiverSnippet(operation: PublishOperation, matcher: Extract<PublishMatcher, { kind: 'method' }>, module: string, style: 'named' | 'commonjs'): Snippet {
  const { args } = buildPublishArguments(operation, matcher);
  const { files, importLine } = projectReceiver(matcher.origins, module, style);
  const head = style === 'commonjs' ? 'exports.publish = async function publish() {' : 'export async function publish() {';
  const code = [importLine, '', head, `  await target.${matcher.methodNames[0]!}(${args.join(', ')});`, style === 'commonjs' ? '};' : '}', ''].join('\n');
  return { operationId: operation.id, variant: `method on a receiver imported from the project (${style})`, path: fileFor(style, 'publish'), code, visible: true, files };
}

function publishSnippet(operation: PublishOperation, matcher: PublishMatcher, module: string, style: ImportStyle, params: ParamStyle): Snippet {
  const refs = new ModuleRefs(module, style);
  const { args, messageIndex } = buildPublishArguments(operation, matcher);
  const lines: string[] = [];
  if (params === 'imported') lines.push(style === 'commonjs' ? `const { params } = require('./params');` : `import { params } from './params';`);
  const passed = [...args];
  if (params !== 'inline') passed[messageIndex] = 'params';
  const body: string[] = [];
  if (params === 'variable') body.push(`  const params = ${args[messageIndex]};`);
  let receiverDeclaration: string;
  if (matcher.kind === 'command') {
    const client = operation.matchers.flatMap((other) => (other.kind === 'method' ? (other.origins?.constructors ?? []) : [])).find((name) => name.endsWith('Client')) ?? 'Client';
    receiverDeclaration = `const client = new ${refs.ref(client)}({});`;
    body.push(`  await client.send(new ${refs.ref(matcher.commandNames[0]!)}(${passed.join(', ')}));`);
  } else {
    receiverDeclaration = `const target = ${makeReceiver(matcher.origins, refs)};`;
    body.push(`  await target.${matcher.methodNames[0]!}(${passed.join(', ')});`);
  }
  const exportKeyword = style === 'commonjs' ? 'exports.publish = async function publish() {' : 'export async function publish() {';
  const closing = style === 'commonjs' ? '};' : '}';
  const code = [refs.declaration(), ...lines, receiverDeclaration, '', exportKeyword, ...body, closing, ''].join('\n');
  const variant = `${matcher.kind} ${style} import, ${params} message`;
  return { operationId: operation.id, variant, path: fileFor(style, 'publish'), code, visible: params !== 'imported' };
}

/** A receiver known only by its name: an untyped parameter, in a file that imports the library. */
function publishByNameSnippet(operation: PublishOperation, matcher: Extract<PublishMatcher, { kind: 'method' }>, module: string): Snippet {
  const { args } = buildPublishArguments(operation, matcher);
  const name = pickReceiverName(matcher.receiver);
  const code = [`import * as lib from '${module}';`, '', `export const unused = lib;`, `export async function publish(${name}: any) {`, `  await ${name}.${matcher.methodNames[0]!}(${args.join(', ')});`, '}', ''].join('\n');
  return { operationId: operation.id, variant: 'method on an untyped parameter', path: 'publish.ts', code, visible: true };
}

/** A receiver known by its declared type only: a parameter annotated with the library's type, whatever its name. */
function publishByTypeSnippet(operation: PublishOperation, matcher: Extract<PublishMatcher, { kind: 'method' }>, module: string): Snippet[] {
  const type = matcher.origins?.types?.[0] ?? matcher.origins?.constructors?.[0];
  if (!type) return [];
  const { args } = buildPublishArguments(operation, matcher);
  const code = [`import type { ${type} } from '${module}';`, '', `export async function publish(target: ${type}) {`, `  await target.${matcher.methodNames[0]!}(${args.join(', ')});`, '}', ''].join('\n');
  return [{ operationId: operation.id, variant: 'method on a parameter typed by the library', path: 'publish.ts', code, visible: true }];
}

export function getPublishSnippets(): Snippet[] {
  return PUBLISH_OPERATIONS.flatMap((operation) => {
    const module = operation.modules[0]!;
    return operation.matchers.flatMap((matcher) => [
      ...IMPORT_STYLES.map((style) => publishSnippet(operation, matcher, module, style, 'inline')),
      publishSnippet(operation, matcher, module, 'named', 'variable'),
      publishSnippet(operation, matcher, module, 'commonjs', 'variable'),
      publishSnippet(operation, matcher, module, 'named', 'imported'),
      ...(matcher.kind === 'method' ? [publishByNameSnippet(operation, matcher, module), ...publishByTypeSnippet(operation, matcher, module)] : []),
      ...(matcher.kind === 'method' && matcher.origins ? (['named', 'commonjs'] as const).map((style) => publishImportedReceiverSnippet(operation, matcher, module, style)) : []),
    ]);
  });
}

type HandlerStyle = 'inline' | 'function' | 'const';

/** The handler's body: a span per message, in a loop over the batch when the message is one of many. */
function handlerBody(operation: ConsumeOperation, parameter: string, indent: string): string[] {
  const path = operation.message.path;
  const each = path.findIndex((segment) => segment === EACH);
  if (each < 0) return [`${indent}tracer.startSpan('work').end();`];
  const batch = [parameter, ...path.slice(0, each)].join('.');
  return [`${indent}for (const item of ${batch}) {`, `${indent}  tracer.startSpan('work').end();`, `${indent}}`];
}

function handlerParameters(operation: ConsumeOperation): string {
  const names = Array.from({ length: operation.message.parameter + 1 }, (_, index) => (index === operation.message.parameter ? 'message' : `_arg${index}`));
  return names.join(', ');
}

function consumeSnippet(
  operation: ConsumeOperation,
  matcher: Extract<ConsumeMatcher, { kind: 'callback' | 'async-iterator' }>,
  module: string,
  style: ImportStyle,
  handler: HandlerStyle,
  receiverFrom: 'file' | 'project' = 'file',
): Snippet {
  const refs = new ModuleRefs(module, style);
  let project: ReturnType<typeof projectReceiver> | undefined;
  const declareReceiver = (origins: ReceiverOrigins | undefined, inFile: () => string) => {
    if (receiverFrom === 'project') project = projectReceiver(origins, module, style === 'commonjs' ? 'commonjs' : 'named');
    else before.push(`const target = ${inFile()};`);
  };
  const api = style === 'commonjs' ? `const { trace } = require('@opentelemetry/api');` : `import { trace } from '@opentelemetry/api';`;
  const before: string[] = [`const tracer = trace.getTracer('svc');`];
  const lines: string[] = [];
  if (matcher.kind === 'async-iterator') {
    declareReceiver(matcher.origins, () => makeReceiver(matcher.origins, refs));
    lines.push(`export async function run() {`, `  for await (const message of target.${matcher.methodNames[0]!}('x')) {`, ...handlerBody(operation, 'message', '    '), '  }', '}');
  } else {
    const parameters = handlerParameters(operation);
    const inline = [`async (${parameters}) => {`, ...handlerBody(operation, 'message', '    '), '  }'].join('\n');
    let callback = inline;
    if (handler === 'function') {
      before.push(`async function handle(${parameters}) {`, ...handlerBody(operation, 'message', '  '), '}');
      callback = 'handle';
    } else if (handler === 'const') {
      before.push(`const handle = async (${parameters}) => {`, ...handlerBody(operation, 'message', '  '), '};');
      callback = 'handle';
    }
    const args: string[] = [];
    for (let index = 0; index <= matcher.callbackArgument; index += 1) {
      if (index === matcher.callbackArgument) args.push(matcher.callbackKey ? `{ ${matcher.callbackKey}: ${callback} }` : callback);
      else args.push(index === 0 && matcher.events ? `'${matcher.events[0]!}'` : `'x'`);
    }
    const call = matcher.call;
    if (call.type === 'constructor') {
      lines.push(`export const registration = new ${refs.ref(call.constructorNames[0]!)}(${args.join(', ')});`);
    } else {
      declareReceiver(call.origins, () => (call.origins ? makeReceiver(call.origins, refs) : refs.ref(pickReceiverName(call.receiver))));
      lines.push(`export const registration = target.${call.methodNames[0]!}(${args.join(', ')});`);
    }
  }
  const code = [project?.importLine ?? refs.declaration(), api, '', ...before, '', ...lines, ''].join('\n').replace(/^export const (\w+) =/gm, style === 'commonjs' ? 'exports.$1 =' : 'export const $1 =').replace(/^export async function (\w+)/gm, style === 'commonjs' ? 'exports.$1 = async function $1' : 'export async function $1');
  const variant = `${matcher.kind} ${style} import, ${handler} handler${project ? ', receiver imported from the project' : ''}`;
  return { operationId: operation.id, variant, path: fileFor(style, 'consume'), code, visible: true, ...(project ? { files: project.files } : {}) };
}

function lambdaSnippets(operation: ConsumeOperation, matcher: Extract<ConsumeMatcher, { kind: 'lambda-handler' }>): Snippet[] {
  const module = operation.modules[0]!;
  const head = [`import { trace } from '@opentelemetry/api';`, '', `const tracer = trace.getTracer('svc');`, ''];
  const eventType = matcher.eventTypeNames[0]!;
  const handlerType = matcher.handlerTypeNames[0]!;
  return [
    {
      operationId: operation.id,
      variant: 'lambda handler by its event type',
      path: 'handler.ts',
      code: [`import type { ${eventType} } from '${module}';`, ...head, `export const handler = async (message: ${eventType}) => {`, ...handlerBody(operation, 'message', '  '), '};', ''].join('\n'),
      visible: true,
    },
    {
      operationId: operation.id,
      variant: 'lambda handler by its handler type',
      path: 'handler.ts',
      code: [`import type { ${handlerType} } from '${module}';`, ...head, `export const handler: ${handlerType} = async (message) => {`, ...handlerBody(operation, 'message', '  '), '};', ''].join('\n'),
      visible: true,
    },
  ];
}

/** Whether the consumer is registered on a receiver the catalog knows by origin (not a constructor such as `new Worker`). */
function hasReceiverOrigins(matcher: Extract<ConsumeMatcher, { kind: 'callback' | 'async-iterator' }>): boolean {
  if (matcher.kind === 'async-iterator') return matcher.origins !== undefined;
  return matcher.call.type === 'method' && matcher.call.origins !== undefined;
}

export function getConsumeSnippets(): Snippet[] {
  return CONSUME_OPERATIONS.flatMap((operation) => {
    const module = operation.modules[0]!;
    return operation.matchers.flatMap((matcher): Snippet[] => {
      if (matcher.kind === 'lambda-handler') return lambdaSnippets(operation, matcher);
      return [
        ...IMPORT_STYLES.map((style) => consumeSnippet(operation, matcher, module, style, 'inline')),
        ...(matcher.kind === 'callback' ? [consumeSnippet(operation, matcher, module, 'named', 'function'), consumeSnippet(operation, matcher, module, 'commonjs', 'const')] : []),
        ...(hasReceiverOrigins(matcher) ? (['named', 'commonjs'] as const).map((style) => consumeSnippet(operation, matcher, module, style, 'inline', 'project')) : []),
      ];
    });
  });
}
