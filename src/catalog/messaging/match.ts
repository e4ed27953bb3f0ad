import { CONSUME_OPERATIONS, MESSAGING_MODULES, PUBLISH_OPERATIONS } from './index.js';
import type { BuiltInTracing, ConsumeMatcher, ConsumeOperation, PublishMatcher, PublishOperation, ReceiverOrigins } from './types.js';
import { isProjectModule } from './project-modules.js';
import { getValueOrigin, type ArgumentFacts, type ValueFact, type ValueOrigin } from './value-origin.js';

/**
 * The one decision of what a publish site and a message consumer are. The rules and the codemods extract these
 * facts from their own trees (src/lint/messaging-facts.ts, src/transform/messaging-facts.ts) and ask here, so both
 * halves recognise the same sites.
 */

/** The object a method is called on. */
export interface ReceiverFacts {
  /** The name it goes by, for the name-pattern fallback: `producer`, `this.producer` → producer, `pubsub.topic(…)` → topic. */
  name: string | undefined;
  /** Where its value comes from, followed through same-file bindings. */
  value: ValueFact;
}

/** One call or `new` expression. */
export type CallFacts =
  | { kind: 'method'; name: string; receiver: ReceiverFacts; arguments: readonly ArgumentFacts[]; importedModules: ReadonlySet<string> }
  | { kind: 'new'; name: string; callee: ValueFact; arguments: readonly ArgumentFacts[]; importedModules: ReadonlySet<string> };

/** How a match was made: by the receiver's origin, by its name alone, by its name and an import of the library, by its name and the argument's shape, or by a command name. */
export type MatchedBy = 'origin' | 'name' | 'import' | 'shape' | 'command';

export interface PublishMatch {
  operation: PublishOperation;
  matcher: PublishMatcher;
  matchedBy: MatchedBy;
}

export interface ConsumeMatch {
  operation: ConsumeOperation;
  matcher: Extract<ConsumeMatcher, { kind: 'callback' | 'async-iterator' }>;
  matchedBy: MatchedBy;
}

/** The facts a Lambda handler is recognised by: its event parameter's type name, or its own type name. */
export interface LambdaHandlerFacts {
  parameterType: string | undefined;
  handlerType: string | undefined;
}

const METHOD_NAMES = new Set<string>();
const CONSTRUCTOR_NAMES = new Set<string>();
for (const operation of [...PUBLISH_OPERATIONS, ...CONSUME_OPERATIONS]) {
  for (const matcher of operation.matchers) {
    if (matcher.kind === 'command') matcher.commandNames.forEach((name) => CONSTRUCTOR_NAMES.add(name));
    else if (matcher.kind === 'method' || matcher.kind === 'async-iterator') matcher.methodNames.forEach((name) => METHOD_NAMES.add(name));
    else if (matcher.kind === 'callback') {
      const call = matcher.call;
      if (call.type === 'method') call.methodNames.forEach((name) => METHOD_NAMES.add(name));
      else call.constructorNames.forEach((name) => CONSTRUCTOR_NAMES.add(name));
    }
  }
}

/** A cheap first test before facts are gathered: could a method call or `new` of this name be in the catalog at all? */
export function isMessagingCallName(kind: 'method' | 'new', name: string): boolean {
  return (kind === 'method' ? METHOD_NAMES : CONSTRUCTOR_NAMES).has(name);
}

function importsAny(imported: ReadonlySet<string>, modules: readonly string[]): boolean {
  return modules.some((module) => imported.has(module));
}

/** An origin that names a library of the catalog; other origins (a relative module, a global) say nothing. */
function getLibraryOrigin(value: ValueFact | undefined): ValueOrigin | undefined {
  const origin = getValueOrigin(value);
  return origin?.module !== undefined && MESSAGING_MODULES.has(origin.module) ? origin : undefined;
}

/** Whether the value is an instance of a class the file itself defines or a global (`new Set()`): not a library object. */
function isNonLibraryInstance(value: ValueFact): boolean {
  return getValueOrigin(value)?.local === true;
}

function matchesOrigins(origin: ValueOrigin, origins: ReceiverOrigins | undefined): boolean {
  if (!origins) return true;
  if (origin.typeName !== undefined) return [...(origins.types ?? []), ...(origins.constructors ?? [])].includes(origin.typeName);
  if (origin.constructorName !== undefined && origins.constructors?.includes(origin.constructorName)) return true;
  return origin.factoryName !== undefined && origins.factories?.includes(origin.factoryName) === true;
}

/**
 * The receiver test: by origin where it is seen (a library's object must be one this operation's modules make), by
 * the name pattern otherwise. `undefined` when the receiver is not this operation's.
 */
function matchReceiver(receiver: ReceiverFacts, pattern: RegExp, origins: ReceiverOrigins | undefined, modules: readonly string[]): 'origin' | 'name' | undefined {
  const origin = getLibraryOrigin(receiver.value);
  if (origin) {
    if (!modules.includes(origin.module!)) return undefined;
    if (matchesOrigins(origin, origins)) return 'origin';
    // A parameter typed with another type of the library: the catalog's type list is not complete, so the name decides.
    if (origin.typeName === undefined) return undefined;
  }
  if (isNonLibraryInstance(receiver.value)) return undefined;
  return receiver.name !== undefined && pattern.test(receiver.name) ? 'name' : undefined;
}

/** Whether the argument is an object literal (or a batch of them) holding every key. */
function hasKeys(argument: ArgumentFacts | undefined, keys: readonly string[]): boolean {
  const present = argument?.keys;
  return present !== undefined && keys.every((key) => key in present);
}

function matchPublishMatcher(facts: CallFacts, matcher: PublishMatcher, operation: PublishOperation): MatchedBy | undefined {
  if (matcher.kind === 'command') {
    if (facts.kind !== 'new' || !matcher.commandNames.includes(facts.name)) return undefined;
    // A command of another library of the catalog is not this one; a local or unresolved name is taken by its name.
    const origin = getLibraryOrigin(facts.callee);
    return origin && !operation.modules.includes(origin.module!) ? undefined : 'command';
  }
  if (facts.kind !== 'method' || !matcher.methodNames.includes(facts.name)) return undefined;
  if (facts.arguments.length < (matcher.minArguments ?? 1)) return undefined;
  const resultOf = facts.arguments[matcher.shapeArgument ?? 0]?.resultOf;
  if (resultOf !== undefined && matcher.notWhenArgumentFrom?.includes(resultOf)) return undefined;
  const byReceiver = matchReceiver(facts.receiver, matcher.receiver, matcher.origins, operation.modules);
  if (byReceiver === 'origin') return 'origin';
  if (byReceiver === undefined) return undefined;
  if (importsAny(facts.importedModules, operation.modules)) return 'import';
  if (matcher.requireImport || !matcher.requiredKeys) return undefined;
  return hasKeys(facts.arguments[matcher.shapeArgument ?? 0], matcher.requiredKeys) ? 'shape' : undefined;
}

/** The catalog publish operation a call or `new` is, if any: the first operation whose matcher accepts it. */
export function matchPublish(facts: CallFacts): PublishMatch | undefined {
  for (const operation of PUBLISH_OPERATIONS) {
    for (const matcher of operation.matchers) {
      const matchedBy = matchPublishMatcher(facts, matcher, operation);
      if (matchedBy) return { operation, matcher, matchedBy };
    }
  }
  return undefined;
}

function matchRegistration(
  facts: CallFacts,
  matcher: Extract<ConsumeMatcher, { kind: 'callback' }>,
  operation: ConsumeOperation,
): MatchedBy | undefined {
  if (matcher.events) {
    const event = facts.arguments[0]?.string;
    if (event === undefined || !matcher.events.includes(event)) return undefined;
  }
  const call = matcher.call;
  if (call.type === 'constructor') {
    if (facts.kind !== 'new' || !call.constructorNames.includes(facts.name)) return undefined;
    const origin = getLibraryOrigin(facts.callee);
    if (origin) return operation.modules.includes(origin.module!) ? 'origin' : undefined;
    return importsAny(facts.importedModules, operation.modules) ? 'import' : undefined;
  }
  return matchConsumerMethod(facts, call, operation);
}

function matchConsumerMethod(
  facts: CallFacts,
  call: { methodNames: readonly string[]; receiver: RegExp; requireImport: boolean; origins?: ReceiverOrigins },
  operation: ConsumeOperation,
): MatchedBy | undefined {
  if (facts.kind !== 'method' || !call.methodNames.includes(facts.name)) return undefined;
  const byReceiver = matchReceiver(facts.receiver, call.receiver, call.origins, operation.modules);
  if (byReceiver === 'origin') return 'origin';
  if (byReceiver === undefined) return undefined;
  if (importsAny(facts.importedModules, operation.modules)) return 'import';
  return call.requireImport ? undefined : 'name';
}

/**
 * The consume operations whose handler a call or `new` registers (`consumer.run({ eachMessage })`,
 * `new Worker(queue, processor)`), in catalog order: the caller takes the first whose handler it can find.
 */
export function matchCallbackConsume(facts: CallFacts): ConsumeMatch[] {
  const matches: ConsumeMatch[] = [];
  for (const operation of CONSUME_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'callback') continue;
      const matchedBy = matchRegistration(facts, matcher, operation);
      if (matchedBy) matches.push({ operation, matcher, matchedBy });
    }
  }
  return matches;
}

/** The consume operation of a `for await (const msg of x)` loop, where `facts` describes the call `x` comes from. */
export function matchIteratorConsume(facts: CallFacts): ConsumeMatch | undefined {
  for (const operation of CONSUME_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'async-iterator') continue;
      const matchedBy = matchConsumerMethod(facts, matcher, operation);
      if (matchedBy) return { operation, matcher, matchedBy };
    }
  }
  return undefined;
}

/** The Lambda consume operation a handler is, by its event type (`SQSEvent`) or handler type (`SQSHandler`). */
export function matchLambdaHandler(facts: LambdaHandlerFacts): ConsumeOperation | undefined {
  for (const operation of CONSUME_OPERATIONS) {
    for (const matcher of operation.matchers) {
      if (matcher.kind !== 'lambda-handler') continue;
      if (facts.parameterType !== undefined && matcher.eventTypeNames.includes(facts.parameterType)) return operation;
      if (facts.handlerType !== undefined && matcher.handlerTypeNames.includes(facts.handlerType)) return operation;
    }
  }
  return undefined;
}

/**
 * Why a candidate did not match or could not be decided, as data: a code to act on and words for a person. The
 * codemods put the message in their notes; a rule may put it in a report's data where it helps the reader.
 */
export type MatchReasonCode = 'receiver-origin-unknown' | 'params-elsewhere' | 'payload-opaque' | 'library-propagates';

export interface MatchReason {
  code: MatchReasonCode;
  message: string;
}

/** Why a receiver's origin cannot be seen (so only its name decides); undefined when it can. */
export function explainReceiver(receiver: ReceiverFacts): MatchReason | undefined {
  const value = receiver.value;
  if (value.kind === 'local' || getLibraryOrigin(value) || isNonLibraryInstance(value)) return undefined;
  if (value.kind === 'unknown' && value.why === 'untyped-parameter') return { code: 'receiver-origin-unknown', message: 'receiver origin unknown (parameter without a type)' };
  const module = value.kind === 'import' ? value.module : value.kind === 'member' && value.object.kind === 'import' ? value.object.module : undefined;
  if (module !== undefined && isProjectModule(module)) return { code: 'receiver-origin-unknown', message: `receiver origin unknown (imported from ${module}, which cannot be read)` };
  return { code: 'receiver-origin-unknown', message: 'receiver origin unknown' };
}

/**
 * Why the argument that holds a publish's carrier cannot take one at the call: its keys are written elsewhere (a
 * spread, a parameter, an import) or, for a carrier inside the payload, the payload is opaque. Undefined when the
 * argument is visible at the call, or nothing is known against it.
 */
export function explainCarrierArgument(operation: PublishOperation, argument: ArgumentFacts | undefined): MatchReason | undefined {
  const location = operation.carriers[0];
  if (!location || !argument) return undefined;
  const inPayload = ['envelope', 'json-in-string-field', 'json-in-bytes-field'].includes(location.encoding) && location.path.length === 0;
  const source = argument.from === 'parameter' ? 'a parameter' : argument.from === 'import' ? 'an import' : argument.resultOf !== undefined ? `the result of ${argument.resultOf}()` : undefined;
  if (argument.spread) return { code: 'params-elsewhere', message: 'params built elsewhere (spread)' };
  if (source === undefined) return undefined;
  return inPayload ? { code: 'payload-opaque', message: `payload opaque (${source})` } : { code: 'params-elsewhere', message: `params built elsewhere (${source})` };
}

/** Whether a constructor call (its name and arguments) turns the library's own tracing on (`new Queue('q', { telemetry })`). */
function setsTracingOption(tracing: BuiltInTracing, name: string | undefined, args: readonly ArgumentFacts[] | undefined): boolean {
  return name !== undefined && tracing.constructorNames.includes(name) && args?.[tracing.argument]?.keys?.[tracing.optionKey] === true;
}

/**
 * Whether the library's own tracing is on for this publish's receiver (made by a constructor given the tracing
 * option), decided per receiver: an untraced queue next to a traced one is still reported.
 */
export function isPublishTracedByLibrary(operation: PublishOperation, receiver: ValueFact | undefined): boolean {
  const tracing = operation.builtInTracing;
  if (!tracing || !receiver) return false;
  const origin = getValueOrigin(receiver);
  return setsTracingOption(tracing, origin?.constructorName, origin?.constructorArguments);
}

/**
 * Why the trace context travels without a carrier written here: the receiver was made with the library's own tracing
 * option (`new Queue('q', { telemetry })`, per receiver), or the AWS client went through an X-Ray wrapper.
 */
export function getLibraryPropagation(operation: PublishOperation, receiver: ValueFact | undefined): MatchReason | undefined {
  const origin = getValueOrigin(receiver);
  if (isPublishTracedByLibrary(operation, receiver)) {
    return { code: 'library-propagates', message: `library already propagates (the ${operation.builtInTracing!.optionKey} option of this ${origin!.constructorName})` };
  }
  if (isWrappedByTracingHelper(operation, receiver)) return { code: 'library-propagates', message: `library already propagates (the client goes through ${origin!.tracingWrapper})` };
  return undefined;
}

/** Whether the constructor that registers a handler turns the library's own tracing on (`new Worker(q, fn, { telemetry })`). */
export function isConsumeTracedByLibrary(operation: ConsumeOperation, registration: CallFacts | undefined): boolean {
  const tracing = operation.builtInTracing;
  if (!tracing || registration?.kind !== 'new') return false;
  return setsTracingOption(tracing, registration.name, registration.arguments);
}

/** Whether an AWS client went through an X-Ray wrapper (`AWSXRay.captureAWSv3Client(new SQSClient())`), which sends the trace header itself. */
export function isWrappedByTracingHelper(operation: PublishOperation, client: ValueFact | undefined): boolean {
  return operation.library === 'aws-sdk' && getValueOrigin(client)?.tracingWrapper !== undefined;
}
