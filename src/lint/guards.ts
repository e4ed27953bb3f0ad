import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from './ast.js';

export interface GuardOptions {
  /** Stop at the enclosing function: a condition checked by its caller is out of sight. */
  withinFunction?: boolean;
}

/**
 * Whether `node` only runs when a condition `isGuard` accepts holds: inside `if (guard)`, a branch of `guard ? … : …`,
 * the right of `guard && …`, a `case` of `switch (guard)`, or after `if (guard) return;` (or `throw`) in its block.
 */
export function isGuardedBy(node: TSESTree.Node, isGuard: (condition: TSESTree.Node) => boolean, options: GuardOptions = {}): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child !== parent.test && isGuard(parent.test)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && isGuard(parent.left)) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
        if (hasGuardedExitBefore(parent.body, child, isGuard)) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (child !== parent.test && ((parent.test && isGuard(parent.test)) || isGuard(parent.parent.discriminant))) return true;
        break;
      default:
        break;
    }
    if (options.withinFunction && isFunctionNode(parent)) return false;
  }
  return false;
}

/** `if (guard) return …;` (or `throw`) earlier in the same block, with no `else`. */
function hasGuardedExitBefore(statements: TSESTree.Statement[], child: TSESTree.Node, isGuard: (condition: TSESTree.Node) => boolean): boolean {
  for (const statement of statements) {
    if (statement === child) return false;
    if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && isExit(statement.consequent) && isGuard(statement.test)) return true;
  }
  return false;
}

function isExit(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return last?.type === AST_NODE_TYPES.ReturnStatement || last?.type === AST_NODE_TYPES.ThrowStatement;
}
