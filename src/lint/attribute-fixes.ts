import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AttributeOccurrence } from './attribute-sinks.js';
import { getNameChain } from './attribute-words.js';

type Fix = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix;

/**
 * A fix that removes the attribute: its property from an object written inside the sink call, or a
 * `span.setAttribute(key, value);` statement. Undefined where removing would touch shared code
 * (an object declared elsewhere) or a statement that does more.
 */
export function getRemoveAttributeFix(attribute: AttributeOccurrence, sourceCode: Readonly<TSESLint.SourceCode>): Fix | undefined {
  const { property, sinkCall } = attribute;
  if (property) {
    if (property.range[0] < sinkCall.range[0] || property.range[1] > sinkCall.range[1]) return undefined;
    const object = property.parent;
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const index = object.properties.indexOf(property);
    const following = object.properties[index + 1];
    const preceding = object.properties[index - 1];
    if (following) return (fixer) => fixer.removeRange([property.range[0], following.range[0]]);
    if (preceding) return (fixer) => fixer.removeRange([preceding.range[1], property.range[1]]);
    // The only property: leave an empty object, `{}`.
    return (fixer) => fixer.replaceText(object, '{}');
  }
  // `span.setAttribute(a, x).setAttribute(b, y)`: removing the statement would remove more than one attribute.
  const callee = sinkCall.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !getNameChain(callee.object)) return undefined;
  let node: TSESTree.Node = sinkCall;
  if (node.parent?.type === AST_NODE_TYPES.ChainExpression) node = node.parent;
  const statement = node.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const lineEnd = text.indexOf('\n', statement.range[1]);
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, statement.range[0])) && /^[ \t\r]*$/.test(text.slice(statement.range[1], lineEnd === -1 ? text.length : lineEnd));
  if (!aloneOnLine) return (fixer) => fixer.remove(statement);
  return (fixer) => fixer.removeRange([lineStart, lineEnd === -1 ? text.length : lineEnd + 1]);
}

/** A fix that passes the attribute's value through `redactor(…)`, expanding a shorthand property. */
export function getWrapValueFix(attribute: AttributeOccurrence, redactor: string, sourceCode: Readonly<TSESLint.SourceCode>): Fix {
  const { property, valueNode } = attribute;
  const value = sourceCode.getText(valueNode);
  if (property?.shorthand) return (fixer) => fixer.replaceText(property, `${value}: ${redactor}(${value})`);
  return (fixer) => fixer.replaceText(valueNode, `${redactor}(${value})`);
}
