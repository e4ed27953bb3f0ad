import { Node, type MethodDeclaration, type SourceFile } from 'ts-morph';
import { ENTRY_POINT_ATTRIBUTES } from '../../src/catalog/entry-points.js';
import { getStringValue, importsAnyModule, type CarrierGetter, type Collected, type WrapTarget } from './target.js';

/**
 * NestJS microservice handlers: `@MessagePattern('orders.get')` and `@EventPattern('order_created')` methods of a
 * controller. Nest calls them for messages of whatever transport the app listens on; the transport's message is
 * reached through the `@Ctx()` parameter, whose type tells which transport it is and where its headers are.
 */
export const NEST_MICROSERVICES_MODULES: readonly string[] = ['@nestjs/microservices'];
const PATTERN_DECORATORS = ['MessagePattern', 'EventPattern'];

/** Per `@Ctx()` type: the messaging system, and the message headers (the carrier the producer's client wrote). */
const TRANSPORT_CONTEXTS: Readonly<Record<string, { system: string; headers: (ctx: string) => string; getter: CarrierGetter }>> = {
  // kafkajs header values arrive as Buffers.
  KafkaContext: { system: 'kafka', headers: (ctx) => `${ctx}.getMessage().headers`, getter: 'buffer-map' },
  RmqContext: { system: 'rabbitmq', headers: (ctx) => `${ctx}.getMessage()?.properties?.headers ?? {}`, getter: 'default' },
  // Nest hands NATS headers as the client's MsgHdrs (`get(key)`), or undefined without headers.
  NatsContext: { system: 'nats', headers: (ctx) => `${ctx}.getHeaders()`, getter: 'nats-headers' },
};

export function collectNestMicroserviceHandlers(sourceFile: SourceFile): Collected {
  const collected: Collected = { targets: [], notes: [] };
  if (!importsAnyModule(sourceFile, NEST_MICROSERVICES_MODULES)) return collected;
  for (const declaration of sourceFile.getClasses()) {
    for (const method of declaration.getMethods()) {
      const decorator = method.getDecorators().find((candidate) => PATTERN_DECORATORS.includes(candidate.getName()));
      if (!decorator) continue;
      const argument = decorator.getArguments()[0];
      const pattern = getStringValue(argument) ?? argument?.getText();
      const transport = getTransportContext(method);
      const destination = pattern === undefined ? [] : [{ key: ENTRY_POINT_ATTRIBUTES.messagingDestination, value: { literal: pattern } }];
      const target: WrapTarget = {
        fn: method,
        name: { literal: `process ${pattern ?? method.getName()}` },
        kind: 'CONSUMER',
        attributes: [
          ...(transport ? [{ key: ENTRY_POINT_ATTRIBUTES.messagingSystem, value: { literal: transport.system } }] : []),
          ...destination,
          { key: ENTRY_POINT_ATTRIBUTES.messagingOperationType, value: { literal: 'process' } },
        ],
        extraction: transport ? { carrier: transport.carrier, getter: transport.getter } : undefined,
      };
      collected.targets.push(target);
      if (!transport) {
        collected.notes.push({
          line: method.getStartLineNumber(),
          kind: 'review',
          message: `${decorator.getName()} ${method.getName()}: the span does not continue the producer's trace; add a \`@Ctx() context: KafkaContext | RmqContext | NatsContext\` parameter (the transport's type) and run the codemod again`,
        });
      }
    }
  }
  return collected;
}

/** The `@Ctx()` parameter typed with a transport context this file can read headers from. */
function getTransportContext(method: MethodDeclaration): { system: string; carrier: string; getter: CarrierGetter } | undefined {
  for (const parameter of method.getParameters()) {
    if (!parameter.getDecorator('Ctx') || !Node.isIdentifier(parameter.getNameNode())) continue;
    const known = TRANSPORT_CONTEXTS[parameter.getTypeNode()?.getText() ?? ''];
    if (known) return { system: known.system, carrier: known.headers(parameter.getName()), getter: known.getter };
  }
  return undefined;
}
