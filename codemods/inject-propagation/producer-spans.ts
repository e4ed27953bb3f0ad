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
 * Wraps the publish in `inProducerSpan('<system>', '<operation>', <destination>, () => <publish>)`, with the carrier
 * edits of the site applied inside, so the carrier is written while the producer span is active.
 */
export function wrapInProducerSpan(site: PublishSite, target: Node, innerEdits: readonly TextEdit[], style: FileStyle): TextEdit {
  const start = target.getStart();
  const inner = applyTextEdits(
    target.getText(),
    innerEdits.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start })),
  );
  const q = style.quote;
  const { system, operationName } = site.operation;
  const destination = getDestinationText(site) ?? 'undefined';
  return { start, end: target.getEnd(), text: `${helperRef('inProducerSpan')}(${q}${system}${q}, ${q}${operationName}${q}, ${destination}, () => ${inner})` };
}

/** The destination as code, when the call names it with a literal or a plain reference. */
function getDestinationText(site: PublishSite): string | undefined {
  const expression = getDestinationExpression(site.operation, site);
  if (!expression) return undefined;
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression) || Node.isIdentifier(expression) || Node.isPropertyAccessExpression(expression)) {
    return expression.getText();
  }
  return undefined;
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
