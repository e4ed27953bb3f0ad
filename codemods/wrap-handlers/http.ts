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
import { getInlineFunction, getObjectFunction, getReceiverName, getStringValue, importsAnyModule, skippedNote, type CarrierGetter, type Collected, type WrapTarget } from './target.js';

/** HTTP route handlers of every framework in the catalog. */
export function collectHttpHandlers(sourceFile: SourceFile, filePath: string): Collected {
  const collected: Collected = { targets: [], notes: [] };
  for (const entry of HTTP_ENTRY_POINTS) {
    if (entry.kind === 'file-route') collectFileRoutes(sourceFile, filePath, entry, collected);
    else if (!importsAnyModule(sourceFile, entry.modules)) continue;
    else if (entry.kind === 'route-method') collectRouteMethods(sourceFile, entry, collected);
    else if (entry.kind === 'route-object') collectRouteObjects(sourceFile, entry, collected);
    else collectControllers(sourceFile, entry, collected);
  }
  return collected;
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
 * Express its response and `next`. A destructured request gives no carrier: the span then starts in the active context.
 */
function getRequestFacts(fn: WrappableFunction, framework: string): Pick<WrapTarget, 'extraction' | 'http'> {
  const request = getParameterName(fn, 0);
  const headers = (carrier: string, getter: CarrierGetter = 'default'): WrapTarget['extraction'] => ({ carrier, getter });
  switch (framework) {
    case 'express':
      return { extraction: request ? headers(`${request}.headers`) : undefined, http: { response: getParameterName(fn, 1), next: getParameterName(fn, 2) } };
    case 'fastify':
      return { extraction: request ? headers(`${request}.headers`) : undefined, http: {} };
    case 'koa-router':
      return { extraction: request ? headers(`${request}.headers`) : undefined, http: {} };
    case 'hono':
      return { extraction: request ? headers(`${request}.req.raw.headers`, 'fetch-headers') : undefined, http: {} };
    case 'nextjs':
      return { extraction: request ? headers(`${request}.headers`, 'fetch-headers') : undefined, http: {} };
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

function getMethodCall(call: CallExpression, methodNames: readonly string[], receiver: RegExp): string | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !methodNames.includes(callee.getName())) return undefined;
  const receiverName = getReceiverName(callee.getExpression());
  return receiverName !== undefined && receiver.test(receiverName) ? callee.getName() : undefined;
}

function collectRouteMethods(sourceFile: SourceFile, entry: RouteMethodEntryPoint, collected: Collected): void {
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const methodName = getMethodCall(call, entry.methodNames, entry.receiver);
    const args = call.getArguments();
    if (!methodName || args.length < entry.pathArgument + 2) continue;
    const route = getStringValue(args[entry.pathArgument]);
    if (route === undefined) {
      collected.notes.push(skippedNote(call, `${entry.framework} route: the path is not a string literal, so the span has no name`));
      continue;
    }
    // Fastify also takes the handler in the route options: `fastify.get('/x', { schema, handler })`.
    const fn = getInlineFunction(args.at(-1)) ?? getObjectFunction(args.at(-1), 'handler').fn;
    if (!fn) {
      collected.notes.push(skippedNote(call, `${entry.framework} route ${route}: the handler is not written inline here; wrap the function where it is defined`));
      continue;
    }
    collected.targets.push(routeTarget(fn, ROUTE_METHODS[methodName]!, route, entry.framework));
  }
}

function collectRouteObjects(sourceFile: SourceFile, entry: RouteObjectEntryPoint, collected: Collected): void {
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (!getMethodCall(call, entry.methodNames, entry.receiver)) continue;
    const options = call.getArguments()[0];
    if (!options || !Node.isObjectLiteralExpression(options)) continue;
    const methodProperty = options.getProperty(entry.methodKey);
    const method = Node.isPropertyAssignment(methodProperty) ? getStringValue(methodProperty.getInitializer())?.toUpperCase() : undefined;
    const urlProperty = options.getProperty(entry.pathKey);
    const route = Node.isPropertyAssignment(urlProperty) ? getStringValue(urlProperty.getInitializer()) : undefined;
    const { fn } = getObjectFunction(options, entry.handlerKey);
    if (method === undefined || route === undefined || !fn) {
      collected.notes.push(skippedNote(call, `${entry.framework} route: method, url and handler must be written inline as one method, a string and a function`));
      continue;
    }
    collected.targets.push(routeTarget(fn, method, route, entry.framework));
  }
}

function getFirstStringArgument(decoratorArguments: Node[]): string | undefined {
  const [first] = decoratorArguments;
  if (!first) return '';
  return getStringValue(first);
}

function joinRoute(...parts: string[]): string {
  const joined = parts.flatMap((part) => part.split('/')).filter(Boolean).join('/');
  return `/${joined}`;
}

function collectControllers(sourceFile: SourceFile, entry: DecoratedControllerEntryPoint, collected: Collected): void {
  for (const controller of sourceFile.getDescendantsOfKind(SyntaxKind.ClassDeclaration)) {
    const decorator = controller.getDecorator(entry.controllerDecorator);
    if (!decorator) continue;
    const prefix = getFirstStringArgument(decorator.getArguments());
    if (prefix === undefined) {
      collected.notes.push(skippedNote(decorator, `${entry.framework} controller: the prefix is not a string literal, so its routes have no name`));
      continue;
    }
    collectControllerMethods(controller, prefix, entry, collected);
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
