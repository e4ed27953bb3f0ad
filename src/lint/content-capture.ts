import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { CONTENT_ATTRIBUTE_KEYS, CONTENT_CAPTURE_FLAG } from '../catalog/unbounded-patterns.js';
import { isGuardedBy } from './guards.js';

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
  return isGuardedBy(node, (condition) => CONTENT_CAPTURE_FLAG.test(text(condition)), { withinFunction: true });
}
