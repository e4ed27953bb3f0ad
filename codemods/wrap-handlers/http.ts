import { Node, SyntaxKind, type CallExpression, type ClassDeclaration, type SourceFile } from 'ts-morph';
import {
  ENTRY_POINT_ATTRIBUTES,
  HTTP_ENTRY_POINTS,
  ROUTE_METHODS,
  type DecoratedControllerEntryPoint,
  type FileRouteEntryPoint,
  type RouteMethodEntryPoint,
  type RouteObjectEntryPoint,
} from '../../src/catalog/entry-points.js';
import type { WrappableFunction } from '../../src/transform/wrap-body.js';
import { getErrorStatusFields } from './error-statuses.js';
import { getChainOwner, getMountPrefix, getNestGlobalPrefix, type PrefixResult } from './route-prefixes.js';
import { getFunctionByReference, getInlineFunction, getObjectFunction, getReceiverName, getStringValue, importsAnyModule, skippedNote, type Collected, type WrapTarget } from './target.js';

/** HTTP route handlers of every framework in the catalog. */
export function collectHttpHandlers(sourceFile: SourceFile, filePath: string): Collected {
  const collected: Collected = { targets: [], notes: [] };
  const prefixes = new PrefixLookup(sourceFile, filePath, collected);
  for (const entry of HTTP_ENTRY_POINTS) {
    if (entry.kind === 'file-route') collectFileRoutes(sourceFile, filePath, entry, collected);
    else if (!importsAnyModule(sourceFile, entry.modules)) continue;
    else if (entry.kind === 'route-method') collectRouteMethods(sourceFile, entry, collected, prefixes);
    else if (entry.kind === 'route-object') collectRouteObjects(sourceFile, entry, collected, prefixes);
    else collectControllers(sourceFile, entry, collected, prefixes);
  }
  // Read the project's error classes only for a file with routes.
  const errorStatusFields = collected.targets.length > 0 ? getErrorStatusFields(filePath) : undefined;
  for (const target of collected.targets) target.http = { ...target.http, errorStatusFields };
  return collected;
}

/** Route prefixes of a file's routers, looked up once per router; an unknown one becomes one note. */
class PrefixLookup {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly sourceFile: SourceFile,
    private readonly filePath: string,
    private readonly collected: Collected,
  ) {}

  /** The prefix of the routes registered on a call's receiver (the start of a chain of route calls). */
  forReceiver(call: CallExpression, methodNames: readonly string[]): string {
    const callee = call.getExpression();
    const root = Node.isPropertyAccessExpression(callee) ? getChainRoot(callee.getExpression(), methodNames) : undefined;
    // A chain on the app it makes (`const api = new Hono().basePath('/api').get(…)`) is served where `api` is mounted.
    const local = root && (Node.isIdentifier(root) ? getRouterBinding(root) : getChainOwner(call));
    return local === undefined ? '' : this.lookup(local, call, () => getMountPrefix(this.sourceFile, this.filePath, local));
  }

  /** Nest's global prefix. */
  forNest(node: Node): string {
    return this.lookup('\0nest', node, () => getNestGlobalPrefix(this.sourceFile, this.filePath));
  }

  private lookup(key: string, node: Node, find: () => PrefixResult): string {
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    const result = find();
    if ('unknown' in result) this.collected.notes.push({ line: node.getStartLineNumber(), kind: 'review', message: result.unknown });
    const prefix = 'prefix' in result ? result.prefix : '';
    this.known.set(key, prefix);
    return prefix;
  }
}

/**
 * The name a receiver's routes are mounted by: the router variable, or for a Fastify plugin's parameter the plugin
 * function's own name (`default` for an anonymous default export).
 */
function getRouterBinding(receiver: Node): string | undefined {
  if (!Node.isIdentifier(receiver)) return undefined;
  const name = receiver.getText();
  for (let scope: Node | undefined = receiver.getParent(); scope; scope = scope.getParent()) {
    if (!Node.isFunctionDeclaration(scope) && !Node.isArrowFunction(scope) && !Node.isFunctionExpression(scope)) continue;
    if (!scope.getParameters().some((parameter) => parameter.getName() === name)) continue;
    if (Node.isFunctionDeclaration(scope)) return scope.hasDefaultKeyword() && !scope.getName() ? 'default' : scope.getName();
    const holder = scope.getParent();
    if (Node.isVariableDeclaration(holder)) return holder.getName();
    return Node.isExportAssignment(holder) ? 'default' : undefined;
  }
  return name;
}

/**
 * A route path made at run time from a plugin's options and a literal (`options.prefix + 'articles'`, as Fastify apps
 * loaded by @fastify/autoload write it): the options are fixed when the plugin is registered, so the path is one of
 * few values, and the span can read it. Only when the handler is defined inside the function whose parameter it is
 * (so the parameter is in the handler's scope).
 */
function getRuntimeRoute(path: Node | undefined, call: CallExpression, fn: WrappableFunction): { expression: string } | undefined {
  if (!path || !Node.isBinaryExpression(path) || path.getOperatorToken().getKind() !== SyntaxKind.PlusToken) return undefined;
  if (getStringValue(path.getRight()) === undefined) return undefined;
  let root: Node = path.getLeft();
  while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
  if (!Node.isIdentifier(root)) return undefined;
  const declaration = findDeclaration(root);
  if (!Node.isParameterDeclaration(declaration)) return undefined;
  const owner = declaration.getParent();
  if (!owner || !call.getAncestors().includes(owner) || !fn.getAncestors().includes(owner)) return undefined;
  return { expression: path.getText() };
}

function runtimeRouteTarget(fn: WrappableFunction, method: string, route: { expression: string }, framework: string): WrapTarget {
  const target = routeTarget(fn, method, '', framework);
  return {
    ...target,
    name: { prefix: `${method} `, expression: route.expression },
    attributes: target.attributes.map((attribute) => (attribute.key === ENTRY_POINT_ATTRIBUTES.httpRoute ? { key: attribute.key, value: { expression: route.expression } } : attribute)),
  };
}

function routeTarget(fn: WrappableFunction, method: string, route: string, framework: string): WrapTarget {
  return {
    fn,
    name: { literal: `${method} ${route}` },
    kind: 'http',
    attributes: [
      ...(method === 'ALL' ? [] : [{ key: ENTRY_POINT_ATTRIBUTES.httpMethod, value: { literal: method } }]),
      { key: ENTRY_POINT_ATTRIBUTES.httpRoute, value: { literal: route } },
    ],
    ...getRequestFacts(fn, framework),
  };
}

/** The name of a plain (not destructured) parameter. */
function getParameterName(fn: WrappableFunction, index: number): string | undefined {
  const nameNode = fn.getParameters()[index]?.getNameNode();
  return nameNode && Node.isIdentifier(nameNode) ? nameNode.getText() : undefined;
}

/**
 * Where the handler finds the incoming request's headers (the caller's `traceparent`), per framework, and for
 * Express its response and `next`. The fetch API's `Headers` (Hono's `c.req.raw`, Next.js's `Request`) are read as a
 * plain object, so the default getter reads them and no getter is written beside each route. A destructured request gives no carrier: the span then starts in the active context.
 */
function getRequestFacts(fn: WrappableFunction, framework: string): Pick<WrapTarget, 'extraction' | 'http'> {
  const request = getParameterName(fn, 0);
  const headers = (carrier: string): WrapTarget['extraction'] => ({ carrier, getter: 'default' });
  switch (framework) {
    case 'express':
      return { extraction: request ? headers(`${request}.headers`) : undefined, http: { response: getParameterName(fn, 1), next: getParameterName(fn, 2) } };
    case 'fastify': {
      const reply = getParameterName(fn, 1);
      return { extraction: request ? headers(`${request}.headers`) : undefined, http: { answeredStatus: reply && `${reply}.statusCode` } };
    }
    case 'koa-router':
      return { extraction: request ? headers(`${request}.headers`) : undefined, http: { answeredStatus: request && `${request}.status` } };
    case 'hono':
      return { extraction: request ? headers(`Object.fromEntries(${request}.req.raw.headers)`) : undefined, http: { resultIsResponse: true } };
    case 'nextjs':
      return { extraction: request ? headers(`Object.fromEntries(${request}.headers)`) : undefined, http: { resultIsResponse: true } };
    case 'nestjs':
      return getNestRequestFacts(fn);
    default:
      return { http: {} };
  }
}

/** Nest: a `@Headers()` or `@Req()` parameter holds the headers; without one, a `@Headers()` parameter is added. */
function getNestRequestFacts(fn: WrappableFunction): Pick<WrapTarget, 'extraction' | 'http'> {
  for (const parameter of fn.getParameters()) {
    const name = parameter.getNameNode();
    if (!Node.isIdentifier(name)) continue;
    for (const decorator of parameter.getDecorators()) {
      const isAll = decorator.getArguments().length === 0;
      if (decorator.getName() === 'Headers' && isAll) return { extraction: { carrier: `${name.getText()} ?? {}`, getter: 'default' }, http: {} };
      if ((decorator.getName() === 'Req' || decorator.getName() === 'Request') && isAll) return { extraction: { carrier: `${name.getText()}.headers`, getter: 'default' }, http: {} };
    }
  }
  const last = fn.getParameters().at(-1);
  if (last?.isRestParameter()) return { http: {} };
  const used = new Set(fn.getDescendantsOfKind(SyntaxKind.Identifier).map((identifier) => identifier.getText()));
  const name = ['headers', 'requestHeaders', 'otelHeaders'].find((candidate) => !used.has(candidate)) ?? 'otelHeaders';
  return { extraction: { carrier: `${name} ?? {}`, getter: 'default' }, http: { headersParameter: name } };
}

/** Methods that return the router or app they are called on, so that calls chain: `app.use(cors()).get(…).post(…)`. */
const CHAINED_METHODS = new Set(['use']);

/**
 * The router or app a route call is made on, through a chain of route calls before it: `app` for the `.post` of
 * `app.get('/', a).post('/items', b)` (Hono's typed routes are written so, and Express, Koa and Fastify return the
 * router from a route call too).
 */
function getChainRoot(receiver: Node, methodNames: readonly string[]): Node {
  let current = receiver;
  for (;;) {
    if (!Node.isCallExpression(current)) return current;
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee) || !(methodNames.includes(callee.getName()) || CHAINED_METHODS.has(callee.getName()))) return current;
    current = callee.getExpression();
  }
}

function getMethodCall(call: CallExpression, methodNames: readonly string[], receiver: RegExp, frameworkNames: ReadonlySet<string>): string | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !methodNames.includes(callee.getName())) return undefined;
  const receiverNode = getChainRoot(callee.getExpression(), methodNames);
  const receiverName = getReceiverName(receiverNode);
  if (receiverName !== undefined && receiver.test(receiverName)) return callee.getName();
  return isFrameworkInstance(receiverNode, frameworkNames) ? callee.getName() : undefined;
}

/** Local names the file imports (or requires) from the framework's modules: `express`, `Router`, `FastifyInstance`. */
function getFrameworkNames(sourceFile: SourceFile, modules: readonly string[]): ReadonlySet<string> {
  const names = new Set<string>();
  const matches = (specifier: string): boolean => modules.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (!matches(declaration.getModuleSpecifierValue())) continue;
    const whole = declaration.getDefaultImport() ?? declaration.getNamespaceImport();
    if (whole) names.add(whole.getText());
    for (const specifier of declaration.getNamedImports()) names.add(specifier.getAliasNode()?.getText() ?? specifier.getName());
  }
  for (const declaration of sourceFile.getVariableDeclarations()) {
    const init = declaration.getInitializer();
    if (!init || !Node.isCallExpression(init) || init.getExpression().getText() !== 'require' || !matches(getStringValue(init.getArguments()[0]) ?? '')) continue;
    const name = declaration.getNameNode();
    if (Node.isIdentifier(name)) names.add(name.getText());
    else if (Node.isObjectBindingPattern(name)) for (const element of name.getElements()) names.add(element.getName());
  }
  return names;
}

function getRootName(node: Node | undefined): string | undefined {
  let current = node;
  while (current && (Node.isCallExpression(current) || Node.isNewExpression(current) || Node.isPropertyAccessExpression(current) || Node.isAwaitExpression(current) || Node.isTypeReference(current))) {
    current = Node.isTypeReference(current) ? current.getTypeName() : current.getExpression();
  }
  if (current && Node.isQualifiedName(current)) return getRootName(current.getLeft());
  return current && Node.isIdentifier(current) ? current.getText() : undefined;
}

/** The parameter of an enclosing function, or else a variable of the file, that an identifier names (syntax only: no type checker). */
function findDeclaration(identifier: Node): Node | undefined {
  const name = identifier.getText();
  for (let scope: Node | undefined = identifier.getParent(); scope; scope = scope.getParent()) {
    if (!Node.isFunctionDeclaration(scope) && !Node.isArrowFunction(scope) && !Node.isFunctionExpression(scope) && !Node.isMethodDeclaration(scope)) continue;
    const parameter = scope.getParameters().find((candidate) => candidate.getName() === name);
    if (parameter) return parameter;
  }
  return identifier.getSourceFile().getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((declaration) => declaration.getName() === name);
}

/**
 * A router or app known by where it comes from rather than by its name: a variable made by the framework
 * (`const users = Router()`, `new Hono()`, `fastify()`), or a parameter typed with one of its types (`FastifyInstance`).
 */
function isFrameworkInstance(receiver: Node, frameworkNames: ReadonlySet<string>, depth = 0): boolean {
  if (frameworkNames.size === 0 || depth > 3) return false;
  if (Node.isCallExpression(receiver) || Node.isNewExpression(receiver) || Node.isAwaitExpression(receiver)) return isMadeByFramework(receiver, frameworkNames, depth);
  if (!Node.isIdentifier(receiver)) return false;
  const declaration = findDeclaration(receiver);
  if (Node.isVariableDeclaration(declaration)) {
    const init = declaration.getInitializer();
    return (Node.isCallExpression(init) || Node.isNewExpression(init) || Node.isAwaitExpression(init)) && isMadeByFramework(init, frameworkNames, depth);
  }
  if (Node.isParameterDeclaration(declaration)) return frameworkNames.has(getRootName(declaration.getTypeNode()) ?? '');
  return false;
}

/** `new Hono()`, `express.Router()`, or a call on an app of the framework that returns another (`app.basePath('/v1')`). */
function isMadeByFramework(expression: Node, frameworkNames: ReadonlySet<string>, depth: number): boolean {
  const root = getRootName(expression);
  if (root === undefined) return false;
  if (frameworkNames.has(root)) return true;
  let current: Node = expression;
  while (Node.isCallExpression(current) || Node.isNewExpression(current) || Node.isPropertyAccessExpression(current) || Node.isAwaitExpression(current)) current = current.getExpression();
  return current !== expression && Node.isIdentifier(current) && isFrameworkInstance(current, frameworkNames, depth + 1);
}

function collectRouteMethods(sourceFile: SourceFile, entry: RouteMethodEntryPoint, collected: Collected, prefixes: PrefixLookup): void {
  const frameworkNames = getFrameworkNames(sourceFile, entry.modules);
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const methodName = getMethodCall(call, entry.methodNames, entry.receiver, frameworkNames);
    const args = call.getArguments();
    if (!methodName || args.length < entry.pathArgument + 2) continue;
    const route = getStringValue(args[entry.pathArgument]);
    if (route === undefined) {
      collected.notes.push(skippedNote(call, `${entry.framework} route: the path is not a string literal, so the span has no name`));
      continue;
    }
    // Fastify also takes the handler in the route options: `fastify.get('/x', { schema, handler })`.
    const options = getObjectFunction(args.at(-1), 'handler');
    const fn = getInlineFunction(args.at(-1)) ?? options.fn ?? getFunctionByReference(options.property ?? args.at(-1));
    const reference = fn ? undefined : getWrappableReference(args.at(-1), entry.framework);
    if (reference) {
      (collected.references ??= []).push(reference);
      continue;
    }
    if (!fn) {
      collected.notes.push(skippedNote(call, `${entry.framework} route ${route}: the handler is not a function of this file used by this route only; wrap the function where it is defined`));
      continue;
    }
    collected.targets.push(routeTarget(fn, ROUTE_METHODS[methodName]!, withPrefix(prefixes.forReceiver(call, entry.methodNames), route), entry.framework));
  }
}

function collectRouteObjects(sourceFile: SourceFile, entry: RouteObjectEntryPoint, collected: Collected, prefixes: PrefixLookup): void {
  const frameworkNames = getFrameworkNames(sourceFile, entry.modules);
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!getMethodCall(call, entry.methodNames, entry.receiver, frameworkNames)) continue;
    const options = call.getArguments()[0];
    if (!options || !Node.isObjectLiteralExpression(options)) continue;
    const methodProperty = options.getProperty(entry.methodKey);
    const method = Node.isPropertyAssignment(methodProperty) ? getStringValue(methodProperty.getInitializer())?.toUpperCase() : undefined;
    const urlProperty = entry.pathKeys.map((key) => options.getProperty(key)).find((property) => property !== undefined);
    const route = Node.isPropertyAssignment(urlProperty) ? getStringValue(urlProperty.getInitializer()) : undefined;
    const found = getObjectFunction(options, entry.handlerKey);
    const fn = found.fn ?? getFunctionByReference(found.property);
    const runtimeRoute = route === undefined && fn && method !== undefined && Node.isPropertyAssignment(urlProperty) ? getRuntimeRoute(urlProperty.getInitializer(), call, fn) : undefined;
    if (runtimeRoute && fn && method !== undefined) {
      collected.targets.push(runtimeRouteTarget(fn, method, runtimeRoute, entry.framework));
      collected.notes.push({ line: call.getStartLineNumber(), kind: 'review', message: `${entry.framework} route: its path is read at run time (\`${runtimeRoute.expression}\`), and so are the span's name and http.route` });
      continue;
    }
    const reasons = [
      method === undefined && 'the method is not a string literal',
      route === undefined && 'the url is not a string literal',
      !fn && 'the handler is not a function of this file used by this route only',
    ].filter(Boolean);
    if (method === undefined || route === undefined || !fn) {
      collected.notes.push(skippedNote(call, `${entry.framework} route: ${reasons.join('; ')}`));
      continue;
    }
    collected.targets.push(routeTarget(fn, method, withPrefix(prefixes.forReceiver(call, entry.methodNames), route), entry.framework));
  }
}

/**
 * Frameworks that call a route handler with these parameters, without `this`, and await what it returns: a handler
 * defined in another module can be wrapped where the route is declared, in an async arrow that calls it.
 */
const REFERENCE_PARAMETERS: Readonly<Record<string, string>> = { 'koa-router': 'ctx, next', hono: 'c, next' };

function getWrappableReference(node: Node | undefined, framework: string): { node: Node; text: string } | undefined {
  const parameters = REFERENCE_PARAMETERS[framework];
  if (!node || !parameters || (!Node.isIdentifier(node) && !Node.isPropertyAccessExpression(node))) return undefined;
  let root: Node = node;
  while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
  if (!Node.isIdentifier(root) || parameters.split(', ').includes(root.getText())) return undefined;
  return { node, text: `async (${parameters}) => ${node.getText()}(${parameters})` };
}

/** The path of `@Get(':id')` or `@Controller('users')`, also written `@Controller({ path: 'users' })`. */
function getFirstStringArgument(decoratorArguments: Node[]): string | undefined {
  const [first] = decoratorArguments;
  if (!first) return '';
  if (Node.isObjectLiteralExpression(first)) {
    const path = first.getProperty('path');
    if (!path) return '';
    return Node.isPropertyAssignment(path) ? getStringValue(path.getInitializer()) : undefined;
  }
  return getStringValue(first);
}

/** A route under its mount path; without one, the route exactly as it was written. */
function withPrefix(prefix: string, route: string): string {
  return prefix === '' ? route : joinRoute(prefix, route);
}

function joinRoute(...parts: string[]): string {
  const joined = parts.flatMap((part) => part.split('/')).filter(Boolean).join('/');
  return `/${joined}`;
}

function collectControllers(sourceFile: SourceFile, entry: DecoratedControllerEntryPoint, collected: Collected, prefixes: PrefixLookup): void {
  for (const controller of sourceFile.getDescendantsOfKind(SyntaxKind.ClassDeclaration)) {
    const decorator = controller.getDecorator(entry.controllerDecorator);
    if (!decorator) continue;
    const prefix = getFirstStringArgument(decorator.getArguments());
    if (prefix === undefined) {
      collected.notes.push(skippedNote(decorator, `${entry.framework} controller: the prefix is not a string literal, so its routes have no name`));
      continue;
    }
    collectControllerMethods(controller, joinRoute(prefixes.forNest(decorator), prefix), entry, collected);
  }
}

function collectControllerMethods(controller: ClassDeclaration, prefix: string, entry: DecoratedControllerEntryPoint, collected: Collected): void {
  for (const method of controller.getMethods()) {
    const decorator = method.getDecorators().find((candidate) => Object.hasOwn(entry.methodDecorators, candidate.getName()));
    if (!decorator) continue;
    const path = getFirstStringArgument(decorator.getArguments());
    if (path === undefined) {
      collected.notes.push(skippedNote(method, `${entry.framework} route ${method.getName()}: the path is not a string literal`));
      continue;
    }
    collected.targets.push(routeTarget(method, entry.methodDecorators[decorator.getName()]!, joinRoute(prefix, path), entry.framework));
  }
}

function collectFileRoutes(sourceFile: SourceFile, filePath: string, entry: FileRouteEntryPoint, collected: Collected): void {
  const match = entry.filePattern.exec(filePath.replace(/\\/g, '/'));
  if (!match) return;
  const segments = (match[1] ?? '').split('/').filter((segment) => segment !== '' && !entry.ignoredSegment.test(segment));
  const route = joinRoute(...segments);
  for (const [name, declarations] of sourceFile.getExportedDeclarations()) {
    if (!entry.exportNames.includes(name)) continue;
    for (const declaration of declarations) {
      // Only a declaration under the method's own name: `export { handle as GET, handle as POST }` shares one function
      // between methods, and a span named after one of them would be wrong for the other.
      if (!Node.isFunctionDeclaration(declaration) && !Node.isVariableDeclaration(declaration)) continue;
      if (declaration.getName() !== name || declaration.getSourceFile() !== sourceFile) continue;
      const fn = Node.isFunctionDeclaration(declaration) ? declaration : getInlineFunction(declaration.getInitializer());
      if (fn) collected.targets.push(routeTarget(fn, name, route, entry.framework));
    }
  }
}
