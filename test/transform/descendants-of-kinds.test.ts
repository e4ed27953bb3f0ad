import { SyntaxKind, ts, type Node } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { getDescendantsOfKinds } from '../../src/transform/descendants-of-kinds.js';
import { parseForReading } from '../../src/transform/parse.js';

// An order worker: calls inside calls, a `new` as an argument, functions inside calls, a `for await` loop.
const source = `import { Kafka } from 'kafkajs';

const kafka = new Kafka({ clientId: 'orders', brokers: [process.env.BROKER!] });
export const consumer = kafka.consumer({ groupId: 'orders' });

export async function drain(stream: AsyncIterable<string>) {
  for await (const line of stream) console.log(JSON.parse(line));
}

await consumer.run({
  eachMessage: async ({ message }) => {
    await save(String(message.value), () => log(new Date().toISOString()));
  },
});
`;

const KINDS = [SyntaxKind.CallExpression, SyntaxKind.NewExpression, SyntaxKind.ForOfStatement, SyntaxKind.ArrowFunction, SyntaxKind.FunctionDeclaration];

describe('getDescendantsOfKinds', () => {
  it('finds the nodes forEachDescendant visits, in its order, as the same ts-morph objects', () => {
    const sourceFile = parseForReading('/orders/worker.ts', source);
    const walked: Node[] = [];
    sourceFile.forEachDescendant((node) => {
      if (KINDS.includes(node.getKind())) walked.push(node);
    });
    const found = getDescendantsOfKinds(sourceFile, KINDS);
    expect(found.map((node) => node.getText().split('\n')[0])).toEqual(walked.map((node) => node.getText().split('\n')[0]));
    expect(found.length).toBe(walked.length);
    found.forEach((node, index) => expect(node).toBe(walked[index]));
  });

  it('looks only below the node it is given', () => {
    const sourceFile = parseForReading('/orders/worker.ts', source);
    const drain = sourceFile.getFunctionOrThrow('drain');
    expect(getDescendantsOfKinds(drain, [SyntaxKind.CallExpression]).map((node) => node.getText())).toEqual(['console.log(JSON.parse(line))', 'JSON.parse(line)']);
    expect(getDescendantsOfKinds(drain, [SyntaxKind.NewExpression])).toEqual([]);
  });

  it('wraps only the matches the compiler-node test keeps', () => {
    const sourceFile = parseForReading('/orders/worker.ts', source);
    const isJsonCall = (node: ts.Node) => ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === 'JSON';
    expect(getDescendantsOfKinds(sourceFile, [SyntaxKind.CallExpression], isJsonCall).map((node) => node.getText())).toEqual(['JSON.parse(line)']);
  });
});
