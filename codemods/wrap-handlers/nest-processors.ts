import { Node, type SourceFile } from 'ts-morph';
import { CONSUME_OPERATIONS } from '../../src/catalog/messaging/index.js';
import { getConsumerAttributes, getConsumerName } from './consumers.js';
import { getCarrierExpression, getStringValue, importsAnyModule, skippedNote, type Collected } from './target.js';

/** The NestJS modules whose `@Processor(queue)` classes run BullMQ jobs in their `process(job)` method. */
export const NEST_BULLMQ_MODULES = ['@nestjs/bullmq'];
const BULLMQ_OPERATION_ID = 'bullmq:worker.processor';

/**
 * NestJS BullMQ consumers: `@Processor('emails') class EmailProcessor extends WorkerHost { async process(job) { … } }`.
 * Nest creates the Worker, so the catalog's `new Worker(queue, processor)` is never in the code; the `process` method
 * is the processor, and its job carries the context `inject-propagation` writes into `job.data`.
 */
export function collectNestProcessors(sourceFile: SourceFile, isTypeScript: boolean, quote: string): Collected {
  const collected: Collected = { targets: [], notes: [] };
  const operation = CONSUME_OPERATIONS.find((candidate) => candidate.id === BULLMQ_OPERATION_ID);
  const location = operation?.carriers[0];
  if (!operation || !location || !importsAnyModule(sourceFile, NEST_BULLMQ_MODULES)) return collected;
  for (const processor of sourceFile.getClasses()) {
    const decorator = processor.getDecorator('Processor');
    const method = processor.getMethod('process');
    if (!decorator || !method) continue;
    const job = method.getParameters()[0]?.getNameNode();
    if (!job || !Node.isIdentifier(job)) {
      collected.notes.push(skippedNote(method, `${operation.displayName}: the job parameter is missing or destructured, so its carrier cannot be read`));
      continue;
    }
    const queue = getQueueName(decorator.getArguments()[0]);
    const destination = queue === undefined ? undefined : { literal: queue };
    collected.targets.push({
      fn: method,
      name: getConsumerName(operation, destination),
      kind: 'CONSUMER',
      attributes: getConsumerAttributes(operation, destination),
      extraction: { carrier: getCarrierExpression(job.getText(), location.path, 'default', location.envelopeKey, isTypeScript, quote), getter: 'default' },
    });
  }
  return collected;
}

/** `@Processor('emails')` or `@Processor({ name: 'emails' })`. */
function getQueueName(argument: Node | undefined): string | undefined {
  if (argument && Node.isObjectLiteralExpression(argument)) {
    const name = argument.getProperty('name');
    return Node.isPropertyAssignment(name) ? getStringValue(name.getInitializer()) : undefined;
  }
  return getStringValue(argument);
}
