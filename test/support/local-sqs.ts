import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

interface StoredMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MessageAttributes: Record<string, { DataType: string; StringValue?: string }>;
  inFlight: boolean;
}

export interface LocalSqs {
  /** Queue URLs point here, so the SDK (and sqs-consumer, which uses the queue URL as endpoint) talks to this server. */
  endpoint: string;
  /** Every request's `X-Amz-Target` action and JSON input, in order. */
  requests: Array<{ action: string; input: Record<string, unknown> }>;
  /** Messages still on the queue of this URL (not deleted). */
  remaining(queueUrl: string): number;
  close(): Promise<void>;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * A loopback stand-in for SQS speaking the JSON protocol of the AWS SDK v3: SendMessage, ReceiveMessage and
 * DeleteMessage(Batch) on in-memory queues. Like SQS, ReceiveMessage returns only the message attributes the request
 * names in `MessageAttributeNames` (`All` for every one), and a received message stays hidden until deleted.
 */
export async function startLocalSqs(): Promise<LocalSqs> {
  const queues = new Map<string, StoredMessage[]>();
  const requests: LocalSqs['requests'] = [];
  const queue = (url: unknown) => {
    const name = String(url).split('/').pop()!;
    if (!queues.has(name)) queues.set(name, []);
    return queues.get(name)!;
  };
  const answer = (action: string, input: Record<string, unknown>): unknown => {
    switch (action) {
      case 'SendMessage': {
        const body = String(input.MessageBody);
        const message = { MessageId: randomUUID(), ReceiptHandle: randomUUID(), Body: body, MessageAttributes: (input.MessageAttributes ?? {}) as StoredMessage['MessageAttributes'], inFlight: false };
        queue(input.QueueUrl).push(message);
        return { MessageId: message.MessageId, MD5OfMessageBody: md5(body) };
      }
      case 'ReceiveMessage': {
        const names = (input.MessageAttributeNames ?? []) as string[];
        const wanted = (key: string) => names.includes('All') || names.includes('.*') || names.includes(key);
        const messages = queue(input.QueueUrl)
          .filter((message) => !message.inFlight)
          .slice(0, Number(input.MaxNumberOfMessages ?? 1));
        for (const message of messages) message.inFlight = true;
        if (messages.length === 0) return {};
        return {
          Messages: messages.map(({ MessageId, ReceiptHandle, Body, MessageAttributes }) => {
            const attributes = Object.fromEntries(Object.entries(MessageAttributes).filter(([key]) => wanted(key)));
            return { MessageId, ReceiptHandle, Body, MD5OfBody: md5(Body), ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}) };
          }),
        };
      }
      case 'DeleteMessage': {
        const list = queue(input.QueueUrl);
        list.splice(list.findIndex((message) => message.ReceiptHandle === input.ReceiptHandle), 1);
        return {};
      }
      case 'DeleteMessageBatch': {
        const entries = input.Entries as Array<{ Id: string; ReceiptHandle: string }>;
        const list = queue(input.QueueUrl);
        for (const entry of entries) list.splice(list.findIndex((message) => message.ReceiptHandle === entry.ReceiptHandle), 1);
        return { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
      }
      case 'ChangeMessageVisibility': {
        // sqs-consumer makes a failed message visible again at once; it waits for the next poll.
        const message = queue(input.QueueUrl).find((candidate) => candidate.ReceiptHandle === input.ReceiptHandle);
        if (message) message.inFlight = false;
        return {};
      }
      default:
        throw new Error(`the local SQS does not serve ${action}`);
    }
  };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const action = String(request.headers['x-amz-target']).replace(/^AmazonSQS\./, '');
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    requests.push({ action, input });
    try {
      const body = JSON.stringify(answer(action, input));
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(body);
    } catch (error) {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InvalidAction', message: String(error) }));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    remaining: (queueUrl) => queue(queueUrl).length,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
