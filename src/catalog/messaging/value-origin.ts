import { AWS_TRACING_WRAPPERS } from './aws.js';

/**
 * Where a value comes from, as plain facts: the rules (ESTree) and the codemods (TypeScript) each describe a receiver
 * or a constructor in these terms, following same-file bindings by the same rules, and {@link getValueOrigin} decides
 * what it is. Nothing here reads a syntax tree.
 *
 * A fact is what one expression is, with the facts of the expressions it is built from:
 * - `import`: a binding of an import or `require()` (`name` undefined for a namespace, default or whole-module require);
 * - `member`: `object.name` (`AWS.SQS`, `sqs.SendMessageCommand`);
 * - `new`: `new callee(…)`; `name` is the constructor's last name (`SQS` in `new AWS.SQS()`);
 * - `call`: `object.name(…)` or `name(…)`; `argument` is the first argument's fact (wrappers such as
 *   `captureAWSv3Client(client)` return their argument);
 * - `typed`: a parameter annotated with a type (`queue: Queue`, `channel: amqp.Channel`); `type` is the fact of the
 *   name the type is imported by, `name` the type's own name;
 * - `local`: a name bound to a class or function the file declares, or a global no declaration binds (`Set`);
 * - `unknown`: anything else (a variable without an initializer, a computed value); `why` says when it is a
 *   parameter without a type annotation.
 */
export type ValueFact =
  | { kind: 'import'; module: string; name: string | undefined }
  | { kind: 'member'; object: ValueFact; name: string }
  | { kind: 'new'; callee: ValueFact; name: string; arguments: readonly ArgumentFacts[] }
  | { kind: 'call'; callee: ValueFact | undefined; object: ValueFact | undefined; name: string; argument: ValueFact | undefined }
  | { kind: 'local' }
  | { kind: 'typed'; type: ValueFact; name: string }
  | { kind: 'unknown'; why?: 'untyped-parameter' };

/** What is visible of one argument: its string value, or the keys of the object literal it is (through a local const). */
export interface ArgumentFacts {
  string?: string;
  /** Each key of the object, and whether it is set to something other than `undefined` or `false`. */
  keys?: Readonly<Record<string, boolean>>;
  /** The name of the call whose result it is (`createMessageBatch` for `await sender.createMessageBatch()`). */
  resultOf?: string;
  /** The object literal holds a spread (`{ ...base, priority: 1 }`): some of its keys are written elsewhere. */
  spread?: true;
  /** A name whose value is made elsewhere: a parameter, or an import. */
  from?: 'parameter' | 'import';
}

/** The fact of a parameter declared without a type: nothing is known of its value. */
export const UNTYPED_PARAMETER: ValueFact = { kind: 'unknown', why: 'untyped-parameter' };

export const UNKNOWN_VALUE: ValueFact = { kind: 'unknown' };
export const LOCAL_VALUE: ValueFact = { kind: 'local' };

/** How deep extractors follow a value through bindings and calls before giving up (cycles end here too). */
export const MAX_VALUE_DEPTH = 8;

/**
 * What a value is, by origin: the library module it comes from, and the constructor or factory that made it.
 * `module` is undefined when the value cannot be traced to an import.
 */
export interface ValueOrigin {
  module: string | undefined;
  /** The import's exported name, for an imported value itself (`Queue` in `import { Queue } from 'bullmq'`). */
  importedName?: string;
  /** `new X(…)`: X. */
  constructorName?: string;
  /** The arguments of that constructor call. */
  constructorArguments?: readonly ArgumentFacts[];
  /** `x.factory(…)` or `factory(…)`: factory. */
  factoryName?: string;
  /** An AWS X-Ray wrapper the value went through (`captureAWSv3Client`), which propagates by itself. */
  tracingWrapper?: string;
  /** Only the declared type is known (a typed parameter): `Queue` in `queue: Queue`. */
  typeName?: string;
  /** Made by a class of the file or a global (`new LocalQueue()`, `new Set()`): not a library's object. */
  local?: true;
}

const CLIENT_WRAPPERS: readonly string[] = AWS_TRACING_WRAPPERS.clientWrappers;
const SDK_WRAPPERS: readonly string[] = AWS_TRACING_WRAPPERS.sdkWrappers;

/** Decides where a value comes from; undefined when nothing is known. */
export function getValueOrigin(fact: ValueFact | undefined): ValueOrigin | undefined {
  if (!fact) return undefined;
  switch (fact.kind) {
    case 'import':
      return { module: fact.module, importedName: fact.name };
    case 'member': {
      const object = getValueOrigin(fact.object);
      // `AWS.SQS` on the SDK namespace is the export `SQS`; on an instance it is a property we know nothing of.
      if (object && object.constructorName === undefined && object.factoryName === undefined && object.importedName === undefined) {
        return { ...object, importedName: fact.name };
      }
      return undefined;
    }
    case 'new': {
      if (fact.callee.kind === 'local') return { module: undefined, constructorName: fact.name, constructorArguments: fact.arguments, local: true };
      const callee = getValueOrigin(fact.callee);
      return { module: callee?.module, constructorName: callee?.importedName ?? fact.name, constructorArguments: fact.arguments, ...(callee?.tracingWrapper ? { tracingWrapper: callee.tracingWrapper } : {}) };
    }
    case 'typed': {
      const type = getValueOrigin(fact.type);
      return type?.module === undefined ? undefined : { module: type.module, typeName: type.importedName ?? fact.name };
    }
    case 'call': {
      if (CLIENT_WRAPPERS.includes(fact.name) || SDK_WRAPPERS.includes(fact.name)) {
        const wrapped = getValueOrigin(fact.argument);
        return wrapped ? { ...wrapped, tracingWrapper: fact.name } : undefined;
      }
      const owner = getValueOrigin(fact.object ?? fact.callee);
      if (!owner?.module) return undefined;
      return { module: owner.module, factoryName: fact.name, ...(owner.tracingWrapper ? { tracingWrapper: owner.tracingWrapper } : {}) };
    }
    default:
      return undefined;
  }
}
