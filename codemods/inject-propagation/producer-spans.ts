import { Node, SyntaxKind, type Expression } from 'ts-morph';
import { EACH, type PublishOperation } from '../../src/catalog/messaging/index.js';
import type { FileStyle } from '../../src/transform/file-style.js';
import type { PublishSite } from '../../src/transform/messaging-sites.js';
import { getPropertyInitializer } from '../../src/transform/object-literal.js';
import { applyTextEdits, type TextEdit } from '../../src/transform/text-edits.js';
import { helperRef } from './placeholders.js';

/** The node a producer span wraps: the publish call, or the `client.send(...)` a command is passed to. */
export function getProducerSpanTarget(site: PublishSite): Node | undefined {
  if (Node.isNewExpression(site.call)) return site.sendCall;
  return site.call;
}

/** Whether the site already runs in a producer span this codemod wrote. */
export function isInProducerSpan(target: Node): boolean {
  return target.getAncestors().some((ancestor) => Node.isCallExpression(ancestor) && /inProducerSpan/.test(ancestor.getExpression().getText()));
}

/**
 * Wraps the publish in `inProducerSpan('send <destination>', { messaging.* }, () => <publish>)`, with the carrier edits
 * of the site applied inside, so the carrier is written while the producer span is active.
 */
export function wrapInProducerSpan(site: PublishSite, target: Node, innerEdits: readonly TextEdit[], style: FileStyle): TextEdit {
  const start = target.getStart();
  const inner = applyTextEdits(
    target.getText(),
    innerEdits.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start })),
  );
  const destination = getDestinationText(site);
  const q = style.quote;
  const operation = site.operation;
  const attributes = [
    `${q}messaging.system${q}: ${q}${operation.system}${q}`,
    `${q}messaging.operation.name${q}: ${q}${operation.operationName}${q}`,
    `${q}messaging.operation.type${q}: ${q}send${q}`,
    ...(destination ? [`${q}messaging.destination.name${q}: ${destination.value}`] : []),
  ];
  const name = destination ? destination.spanName : `${q}send${q}`;
  return { start, end: target.getEnd(), text: `${helperRef('inProducerSpan')}(${name}, { ${attributes.join(', ')} }, () => ${inner})` };
}

/** The destination as code: a literal gives a literal span name, an expression a `send ${…}` template. */
function getDestinationText(site: PublishSite): { value: string; spanName: string } | undefined {
  const expression = getDestinationExpression(site.operation, site);
  if (!expression) return undefined;
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) {
    const value = expression.getLiteralValue();
    if (/['"`\\$\n]/.test(value)) return undefined;
    return { value: expression.getText(), spanName: `${expression.getText().at(0)}send ${value}${expression.getText().at(0)}` };
  }
  if (!Node.isIdentifier(expression) && !Node.isPropertyAccessExpression(expression)) return undefined;
  return { value: `\`\${${expression.getText()}}\``, spanName: `\`send \${${expression.getText()}}\`` };
}

function getDestinationExpression(operation: PublishOperation, site: PublishSite): Expression | undefined {
  const destination = operation.destination;
  if (destination.kind === 'argument') {
    let value: Node | undefined = site.call.getArguments()[destination.argument];
    for (const key of destination.path) {
      if (!value || key === EACH || !Node.isObjectLiteralExpression(value)) return undefined;
      value = getPropertyInitializer(value, key);
    }
    return value as Expression | undefined;
  }
  if (destination.kind === 'receiver-factory') {
    // `queue.add(...)` where `const queue = new Queue('emails')`: the factory's argument names the destination.
    const callee = Node.isCallExpression(site.call) ? site.call.getExpression() : undefined;
    const receiver = callee && Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
    if (!receiver || !Node.isIdentifier(receiver)) return undefined;
    const declaration = site.call
      .getSourceFile()
      .getDescendantsOfKind(SyntaxKind.VariableDeclaration)
      .find((candidate) => candidate.getName() === receiver.getText());
    const init = declaration?.getInitializer();
    if (init && (Node.isNewExpression(init) || Node.isCallExpression(init))) return init.getArguments()[destination.argument] as Expression | undefined;
  }
  return undefined;
}
