import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { type FunctionNode, isFunctionNode, skipTransparentWrappers } from './ast.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The same-file function a plain name calls: a function declaration, or a `const` bound to a function. Anything that
 * could hold another function at run time (a `let`, several declarations, an import) is undefined.
 */
export function getLocalFunction(identifier: TSESTree.Identifier, context: Context): FunctionNode | undefined {
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return undefined;
  if (definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.parent.kind === 'const' && definition.node.init) {
    const init = skipTransparentWrappers(definition.node.init);
    return isFunctionNode(init) ? init : undefined;
  }
  return undefined;
}
