import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, someDescendant, skipTransparentWrappers } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const verdicts = new WeakMap<TSESTree.Node, Map<(call: TSESTree.CallExpression) => boolean, boolean>>();

/** The function a call's callee names, when it is declared in this file (`function f() {}`, `const f = () => …`). */
function getLocalFunction(call: TSESTree.CallExpression, context: Context): TSESTree.Node | undefined {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(callee), callee.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = skipTransparentWrappers(definition.node.init);
    if (isFunctionNode(init)) return init;
  }
  return undefined;
}

/**
 * Whether a call goes to a function of this file whose body makes a call matching `isWanted` (a helper that calls
 * `propagation.inject`, as the `inject-propagation` codemod writes them): such a helper counts like one listed in
 * `injectFunctions` / `extractFunctions`.
 */
export function callsLocalHelperThat(call: TSESTree.CallExpression, context: Context, isWanted: (call: TSESTree.CallExpression) => boolean): boolean {
  const fn = getLocalFunction(call, context);
  if (!fn) return false;
  let byPredicate = verdicts.get(fn);
  if (!byPredicate) verdicts.set(fn, (byPredicate = new Map()));
  const known = byPredicate.get(isWanted);
  if (known !== undefined) return known;
  const found = someDescendant(fn, context.sourceCode, (node) => node.type === AST_NODE_TYPES.CallExpression && isWanted(node));
  byPredicate.set(isWanted, found);
  return found;
}
