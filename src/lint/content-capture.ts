import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { CONTENT_ATTRIBUTE_KEYS, CONTENT_CAPTURE_FLAG } from '../catalog/unbounded-patterns.js';
import { isFunctionNode } from './ast.js';

/** Whether a key is one of the conventions' structured-content keys (`gen_ai.input.messages`, `traceloop.entity.input`). */
export function isContentAttributeKey(key: string): boolean {
  return CONTENT_ATTRIBUTE_KEYS.some((pattern) => keyPatternToRegExp(pattern).test(key));
}

const patternCache = new Map<string, RegExp>();

function keyPatternToRegExp(pattern: string): RegExp {
  let regExp = patternCache.get(pattern);
  if (!regExp) {
    regExp = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
    patternCache.set(pattern, regExp);
  }
  return regExp;
}

/**
 * Whether `node` only runs when content capture is switched on: inside `if (shouldSendPrompts())`, behind
 * `config.traceContent ? … : …` or `recordInputs && …`, or after `if (!this.captureContent) return;` in its block.
 */
export function isBehindContentCaptureFlag(node: TSESTree.Node, text: (node: TSESTree.Node) => string): boolean {
  // The value itself may be the guard: `shouldSendPrompts() ? prompt : undefined`, `recordOutputs && result.text`.
  if (node.type === AST_NODE_TYPES.ConditionalExpression && CONTENT_CAPTURE_FLAG.test(text(node.test))) return true;
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&' && CONTENT_CAPTURE_FLAG.test(text(node.left))) return true;
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child !== parent.test && CONTENT_CAPTURE_FLAG.test(text(parent.test))) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && CONTENT_CAPTURE_FLAG.test(text(parent.left))) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
        if (hasFlagGuardBefore(parent.body, child, text)) return true;
        break;
      default:
        break;
    }
    // A flag checked by the caller of this function is out of sight.
    if (isFunctionNode(parent)) return false;
  }
  return false;
}

function hasFlagGuardBefore(statements: TSESTree.Statement[], child: TSESTree.Node, text: (node: TSESTree.Node) => string): boolean {
  for (const statement of statements) {
    if (statement === child) return false;
    if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !CONTENT_CAPTURE_FLAG.test(text(statement.test))) continue;
    const exit = statement.consequent.type === AST_NODE_TYPES.BlockStatement ? statement.consequent.body.at(-1) : statement.consequent;
    if (exit?.type === AST_NODE_TYPES.ReturnStatement) return true;
  }
  return false;
}
