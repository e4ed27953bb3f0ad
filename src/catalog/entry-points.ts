import type { LambdaEventShape } from './messaging/types.js';

/**
 * Where a service's work starts, as plain data: HTTP route registrations per framework, NestJS controller
 * decorators, Next.js route handlers and AWS Lambda handlers. The `wrap-handlers` codemod gives each of these
 * a span; a new framework is one entry here. Message consumers live in ./messaging/.
 */

/** HTTP methods as route registration methods spell them, and the span name's method for each. */
export const ROUTE_METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  all: 'ALL',
};

/**
 * A route registered by a method call: `app.get('/users/:id', …handlers)`. The path is a string argument and the
 * route handler is the last function argument (earlier ones are middleware and run in the same request).
 */
export interface RouteMethodEntryPoint {
  kind: 'route-method';
  framework: string;
  /** The file must import (or require) one of these for a call to count. */
  modules: readonly string[];
  /** Keys of ROUTE_METHODS the framework registers routes with. */
  methodNames: readonly string[];
  /** The receiver's name (identifier, member property or `this.x`) must match. */
  receiver: RegExp;
  /** Index of the path argument. */
  pathArgument: number;
}

/** A route registered with an options object: Fastify's `fastify.route({ method, url, handler })`. */
export interface RouteObjectEntryPoint {
  kind: 'route-object';
  framework: string;
  modules: readonly string[];
  methodNames: readonly string[];
  receiver: RegExp;
  methodKey: string;
  /** Keys the path may be under (Fastify takes `url` and its alias `path`). */
  pathKeys: readonly string[];
  handlerKey: string;
}

/** Controller classes whose methods are routes through decorators (NestJS). */
export interface DecoratedControllerEntryPoint {
  kind: 'decorated-controller';
  framework: string;
  modules: readonly string[];
  /** The class decorator whose first string argument is the route prefix. */
  controllerDecorator: string;
  /** Method decorator name → HTTP method of the span name. The decorator's first string argument is the path. */
  methodDecorators: Readonly<Record<string, string>>;
}

/** Exported functions named after HTTP methods in files at a fixed place (Next.js App Router `app/**\/route.ts`). */
export interface FileRouteEntryPoint {
  kind: 'file-route';
  framework: string;
  /** Matches the file's path (with `/` separators); group 1 is the route folder below the app folder. */
  filePattern: RegExp;
  /** Path segments dropped from the route (`(group)` folders). */
  ignoredSegment: RegExp;
  exportNames: readonly string[];
}

export type HttpEntryPoint = RouteMethodEntryPoint | RouteObjectEntryPoint | DecoratedControllerEntryPoint | FileRouteEntryPoint;

const EXPRESS_LIKE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all'];

/** A Fastify plugin file may import only `fastify-plugin` (or nothing but its types). */
const FASTIFY_MODULES = ['fastify', 'fastify-plugin'];

export const HTTP_ENTRY_POINTS: readonly HttpEntryPoint[] = [
  {
    kind: 'route-method',
    framework: 'express',
    modules: ['express'],
    methodNames: EXPRESS_LIKE_METHODS,
    receiver: /^(app|router|api|server)$|router$/i,
    pathArgument: 0,
  },
  {
    kind: 'route-method',
    framework: 'fastify',
    modules: FASTIFY_MODULES,
    methodNames: ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'all'],
    receiver: /^(app|server|instance)$|fastify/i,
    pathArgument: 0,
  },
  {
    kind: 'route-object',
    framework: 'fastify',
    modules: FASTIFY_MODULES,
    methodNames: ['route'],
    receiver: /^(app|server|instance)$|fastify/i,
    methodKey: 'method',
    pathKeys: ['url', 'path'],
    handlerKey: 'handler',
  },
  {
    kind: 'route-method',
    framework: 'koa-router',
    modules: ['@koa/router', 'koa-router'],
    methodNames: ['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all'],
    receiver: /router$/i,
    pathArgument: 0,
  },
  {
    kind: 'route-method',
    framework: 'hono',
    modules: ['hono'],
    methodNames: ['get', 'post', 'put', 'patch', 'delete', 'options', 'all'],
    receiver: /^(app|api|route|routes)$|app$|router$/i,
    pathArgument: 0,
  },
  {
    kind: 'decorated-controller',
    framework: 'nestjs',
    modules: ['@nestjs/common'],
    controllerDecorator: 'Controller',
    methodDecorators: { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Options: 'OPTIONS', Head: 'HEAD', All: 'ALL' },
  },
  {
    kind: 'file-route',
    framework: 'nextjs',
    filePattern: /(?:^|\/)app((?:\/[^/]+)*)\/route\.(?:ts|tsx|js|jsx|mjs)$/,
    ignoredSegment: /^\(.*\)$|^@/,
    exportNames: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  },
];

/** AWS Lambda handlers: exported functions with these names (`lambdaHandler` is what SAM templates point at; the `lambdaExportNames` option replaces the list). */
export const LAMBDA_HANDLER_EXPORT_NAMES: readonly string[] = ['handler', 'lambdaHandler'];

/** Modules whose import marks a file as a Lambda function (the event types). */
export const LAMBDA_TYPE_MODULES: readonly string[] = ['aws-lambda', '@types/aws-lambda'];

/** Event and handler types of Lambdas invoked over HTTP (API Gateway REST and HTTP APIs, ALB, function URLs). */
export const LAMBDA_HTTP_EVENT_TYPES = /^(APIGatewayProxy(Event|EventV2|Handler|HandlerV2)|APIGatewayProxyWithCognitoAuthorizer(Event|Handler)|ALB(Event|Handler)|LambdaFunctionURL(Event|Handler))$/;

/** Fields only an HTTP event has: an untyped handler that reads one of them is invoked over HTTP. */
export const LAMBDA_HTTP_EVENT_FIELDS: readonly string[] = ['httpMethod', 'headers', 'pathParameters', 'queryStringParameters', 'rawPath', 'routeKey', 'multiValueHeaders'];

/**
 * Lambdas fed by a DynamoDB stream (`faas.trigger: datasource`): by their types, or, untyped, by reading this field of
 * a record of `event.Records`. Their records carry no trace context.
 */
export const LAMBDA_DATASOURCE_EVENT_TYPES = /^DynamoDBStream(Event|Handler)$/;
export const LAMBDA_DATASOURCE_RECORD_FIELDS: readonly string[] = ['dynamodb'];

/**
 * How an HTTP event (API Gateway REST and HTTP APIs, ALB, function URLs) and a DynamoDB stream event show their trigger at
 * run time, for a handler that serves several triggers (see LambdaEventShape).
 */
export const LAMBDA_HTTP_EVENT_SHAPE: LambdaEventShape = { trigger: 'http', eventFields: ['requestContext', 'httpMethod', 'rawPath'] };
export const LAMBDA_DATASOURCE_EVENT_SHAPE: LambdaEventShape = { recordEventSource: 'aws:dynamodb' };
/** Where a record of a Lambda event names its source (`aws:sqs`); SNS records spell it with a capital. */
export const LAMBDA_RECORD_SOURCE_FIELDS: readonly string[] = ['eventSource', 'EventSource'];

/** Without an import from LAMBDA_TYPE_MODULES, an exported handler counts when its first parameter is named so. */
export const LAMBDA_EVENT_PARAMETER = /^_?(event|evt)$/;

/**
 * Dependencies that already start a server span for every incoming HTTP request; with one of them in the nearest
 * package.json, route spans are INTERNAL children of it instead of a second SERVER span.
 */
export const HTTP_AUTO_INSTRUMENTATION_PACKAGES: readonly string[] = [
  '@opentelemetry/instrumentation-http',
  '@opentelemetry/auto-instrumentations-node',
];

/** Attribute keys of the semantic conventions written on the spans. */
export const ENTRY_POINT_ATTRIBUTES = {
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpResponseStatusCode: 'http.response.status_code',
  faasTrigger: 'faas.trigger',
  messagingSystem: 'messaging.system.name',
  messagingDestination: 'messaging.destination.name',
  messagingOperationType: 'messaging.operation.type',
  messagingMessageId: 'messaging.message.id',
  messagingBatchMessageCount: 'messaging.batch.message_count',
} as const;

/**
 * Message fields that hold an ARN (`arn:aws:sqs:eu-west-1:123456789012:orders`): the destination name written on the
 * span is the ARN's last segment (`orders`).
 */
export const ARN_DESTINATION_KEYS: readonly string[] = ['eventSourceARN', 'TopicArn'];

/**
 * Options that hold a queue URL (`https://sqs.eu-west-1.amazonaws.com/123456789012/orders`): the destination name
 * written on the span is the URL's last path segment (`orders`).
 */
export const URL_DESTINATION_KEYS: readonly string[] = ['queueUrl', 'QueueUrl'];
