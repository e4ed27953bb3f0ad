import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  ENVIRONMENT_CHECK_NAME,
  GENERIC_EXPORTER_MODULES,
  BUFFERING_CLASSES,
  GLOBAL_PROVIDER_SETTERS,
  LOCAL_EXPORTERS,
  NETWORK_EXPORTERS,
  PROCESS_LISTENER_METHODS,
  SDK_MODULE_PREFIX,
  SDK_SHUTDOWN_METHOD,
  SDK_START_METHODS,
  SHUTDOWN_SIGNAL,
  SIMPLE_PROCESSORS,
} from '../catalog/sdk-setup.js';
import { getCalleeName, getPropertyName, getStaticKey, getStaticString, isFunctionNode, skipTransparentWrappers, someDescendant } from './ast.js';
import { isGuardedBy } from './guards.js';
import { getImportedName, type ImportedName } from './import-origins.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The OpenTelemetry class a `new` expression builds, when it is imported from an `@opentelemetry/` module. */
export function getSdkClass(node: TSESTree.NewExpression, context: Context): ImportedName | undefined {
  const imported = getImportedName(node.callee, context);
  return imported?.module.startsWith(SDK_MODULE_PREFIX) ? imported : undefined;
}

/** The `new` expression an exporter argument is: inline, or a const initialised with one. */
function getExporterConstruction(node: TSESTree.Node | undefined, context: Context): TSESTree.NewExpression | undefined {
  if (!node) return undefined;
  let expression = skipTransparentWrappers(node);
  if (expression.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(expression), expression.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.parent.kind !== 'const' || !definition.node.init) return undefined;
    expression = skipTransparentWrappers(definition.node.init);
  }
  return expression.type === AST_NODE_TYPES.NewExpression ? expression : undefined;
}

/** `new OTLPTraceExporter()`, or a const initialised with one. */
export function isNetworkExporter(node: TSESTree.Node | undefined, context: Context): boolean {
  const construction = getExporterConstruction(node, context);
  const imported = construction && getImportedName(construction.callee, context);
  if (!imported || !NETWORK_EXPORTERS.includes(imported.name)) return false;
  const modules = GENERIC_EXPORTER_MODULES[imported.name];
  return !modules || modules.includes(imported.module);
}

/** `new ConsoleSpanExporter()` or `new InMemorySpanExporter()` of the SDK, or a const initialised with one. */
export function isLocalExporter(node: TSESTree.Node | undefined, context: Context): boolean {
  const construction = getExporterConstruction(node, context);
  const imported = construction && getImportedName(construction.callee, context);
  return imported !== undefined && imported.module.startsWith(SDK_MODULE_PREFIX) && LOCAL_EXPORTERS.includes(imported.name);
}

/** NodeSDK options that make it build a batch processor or a periodic reader of its own. */
const NODE_SDK_BUFFERING_OPTIONS = ['traceExporter', 'metricReader', 'metricReaders', 'logRecordProcessor', 'logRecordProcessors'];

/**
 * Whether this SDK object buffers telemetry until it is flushed: a batch processor, a periodic metric reader, a
 * simple processor around anything but a local exporter, a network exporter not handed to a simple processor, or a
 * NodeSDK given an exporter (it wraps it in a batch processor) or configured from the environment only.
 */
export function isBufferingSetUp(node: TSESTree.NewExpression, className: string, context: Context): boolean {
  if (BUFFERING_CLASSES.includes(className)) return true;
  if (Object.hasOwn(SIMPLE_PROCESSORS, className)) return !isLocalExporter(node.arguments[0], context);
  if (NETWORK_EXPORTERS.includes(className)) {
    const parent = node.parent;
    const simple = parent?.type === AST_NODE_TYPES.NewExpression ? getSdkClass(parent, context) : undefined;
    return !simple || !Object.hasOwn(SIMPLE_PROCESSORS, simple.name);
  }
  if (className === 'NodeSDK') {
    const options = node.arguments[0] && skipTransparentWrappers(node.arguments[0]);
    if (options?.type !== AST_NODE_TYPES.ObjectExpression) return true;
    const keys = options.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? getStaticKey(property) : undefined));
    return keys.includes(undefined) || keys.some((key) => key !== undefined && NODE_SDK_BUFFERING_OPTIONS.includes(key)) || !keys.some((key) => key === 'spanProcessors' || key === 'spanProcessor');
  }
  return false;
}

/**
 * Whether a sampler is one choice among several made at run time: a branch of a conditional or an `if`, a `case`
 * of a switch, a `??`/`||` default, or a value in a lookup object (`{ always_on: new AlwaysOnSampler(), … }[name]`).
 * Which sampler runs then depends on configuration this rule cannot read.
 */
export function isChosenAtRunTime(node: TSESTree.Node, context: Context): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.IfStatement:
        if (child !== parent.test) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (child !== parent.test) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator !== '&&') return true;
        break;
      case AST_NODE_TYPES.Property:
        if (child === parent.value && parent.parent.type === AST_NODE_TYPES.ObjectExpression && isLookupObject(parent.parent, context)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/** `{ … }[key]`, or a const object that is read with a computed key somewhere. */
function isLookupObject(object: TSESTree.ObjectExpression, context: Context): boolean {
  const parent = object.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === object && parent.computed) return true;
  if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  // The variable's own references, from the scope manager: no walk over the file.
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(parent), parent.id.name);
  return (variable?.references ?? []).some((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.computed && member.object === reference.identifier;
  });
}

/** Whether `node` only runs when a condition about the environment holds: `if (process.env.X)`, `isDev ? a : b`, `isDev && a`. */
export function isBehindEnvironmentCheck(node: TSESTree.Node, context: Context): boolean {
  return isGuardedBy(node, (condition) => isEnvironmentCondition(condition, context));
}

/** `process.env.NODE_ENV === 'development'`, `import.meta.env.DEV`, `config.isLocal`, `isDevelopment()`. */
function isEnvironmentCondition(condition: TSESTree.Node, context: Context): boolean {
  return someDescendant(condition, context.sourceCode, (node) => {
    if (node.type === AST_NODE_TYPES.Identifier) return ENVIRONMENT_CHECK_NAME.test(node.name);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = getPropertyName(node);
      if (name !== undefined && ENVIRONMENT_CHECK_NAME.test(name)) return true;
    }
    return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && ENVIRONMENT_CHECK_NAME.test(node.value);
  });
}

/** What happens to an SDK instance in the file. */
export interface SdkLifecycle {
  /** The call that starts or installs it (`sdk.start()`, `provider.register()`, `setGlobalTracerProvider(provider)`). */
  start: TSESTree.Node | undefined;
  /** `sdk.shutdown()` is called somewhere. */
  shutdown: boolean;
  /** The instance leaves the file's sight (exported, passed on, stored), so its shutdown may be handled elsewhere. */
  handedOff: boolean;
}

export function getSdkLifecycle(node: TSESTree.NewExpression, className: string, context: Context): SdkLifecycle {
  const startMethods = SDK_START_METHODS[className] ?? [];
  const lifecycle: SdkLifecycle = { start: undefined, shutdown: false, handedOff: false };
  let outer: TSESTree.Node = node;
  while (outer.parent && (outer.parent.type === AST_NODE_TYPES.TSAsExpression || outer.parent.type === AST_NODE_TYPES.TSNonNullExpression || outer.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
    // new NodeSDK(…).start(): nothing can shut it down.
    if (isCallOf(parent, startMethods)) lifecycle.start = parent.parent;
    else lifecycle.handedOff = true;
    return lifecycle;
  }
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== outer || parent.id.type !== AST_NODE_TYPES.Identifier) {
    lifecycle.handedOff = true;
    return lifecycle;
  }
  if (parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) lifecycle.handedOff = true;
  if (hasProcessorUsedElsewhere(node, context)) lifecycle.handedOff = true;
  const variable = context.sourceCode.getDeclaredVariables(parent)[0];
  for (const reference of variable?.references ?? []) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    const use = identifier.parent;
    if (use?.type === AST_NODE_TYPES.MemberExpression && use.object === identifier) {
      if (isCallOf(use, startMethods)) lifecycle.start ??= use.parent;
      else if (isCallOf(use, [SDK_SHUTDOWN_METHOD])) lifecycle.shutdown = true;
      continue;
    }
    if (use?.type === AST_NODE_TYPES.CallExpression && use.arguments[0] === identifier && GLOBAL_PROVIDER_SETTERS.includes(getCalleeName(use.callee) ?? '')) {
      lifecycle.start ??= use;
      continue;
    }
    lifecycle.handedOff = true;
  }
  return lifecycle;
}

function isCallOf(member: TSESTree.MemberExpression, methods: readonly string[]): boolean {
  const name = getPropertyName(member);
  return name !== undefined && methods.includes(name) && member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}

/** `process.on('SIGTERM', …)`, or a listener for a signal given by a variable (`for (const s of signals) process.on(s, …)`). */
export function isSigtermListener(node: TSESTree.CallExpression): boolean {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !PROCESS_LISTENER_METHODS.includes(getPropertyName(callee) ?? '')) return false;
  const object = callee.object;
  const isProcess =
    (object.type === AST_NODE_TYPES.Identifier && object.name === 'process') ||
    (object.type === AST_NODE_TYPES.MemberExpression && getPropertyName(object) === 'process');
  const signal = node.arguments[0];
  if (!isProcess || !signal) return false;
  const name = getStaticString(signal);
  return name === undefined ? signal.type !== AST_NODE_TYPES.Literal : name === SHUTDOWN_SIGNAL;
}

/**
 * Whether a span processor given to the SDK by name is also used elsewhere in the file (returned to the caller,
 * flushed after each unit of work): its owner flushes or shuts it down, so a missing SIGTERM handler loses nothing.
 */
function hasProcessorUsedElsewhere(node: TSESTree.NewExpression, context: Context): boolean {
  const options = node.arguments[0] && skipTransparentWrappers(node.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || getStaticKey(property) !== 'spanProcessors') continue;
    const list = skipTransparentWrappers(property.value);
    if (list.type !== AST_NODE_TYPES.ArrayExpression) continue;
    for (const element of list.elements) {
      if (element?.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = ASTUtils.findVariable(context.sourceCode.getScope(element), element.name);
      if (variable && variable.references.filter((reference) => !reference.init).length > 1) return true;
    }
  }
  return false;
}
