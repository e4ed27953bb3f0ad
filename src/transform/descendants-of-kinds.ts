import { ts, type Node, type SyntaxKind } from 'ts-morph';

/**
 * The descendants of `root` of any of `kinds`, in the order a walk of the tree meets them (an outer node before the
 * nodes inside it), the same ts-morph nodes every other look-up in the file returns. The walk is over the compiler's
 * tree and only matches are wrapped: `forEachDescendant` wraps every node of the file, and `getDescendantsOfKind`
 * walks through nested generators, each costing more than the parse in a file where nothing matches. `test`, on the
 * compiler's node, narrows the matches before they are wrapped.
 */
export function getDescendantsOfKinds(root: Node, kinds: readonly SyntaxKind[], test?: (node: ts.Node) => boolean): Node[] {
  const wanted = new Set<ts.SyntaxKind>(kinds);
  const wrap = getWrapper(root);
  const found: Node[] = [];
  const visit = (node: ts.Node): void => {
    if (wanted.has(node.kind) && (!test || test(node))) found.push(wrap(node));
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(root.compilerNode, visit);
  return found;
}

/** ts-morph's own lookup from a compiler node to its wrapped node (one per node, cached), which its typings leave out. */
interface WrappedNodeLookup {
  _getNodeFromCompilerNode?: (node: ts.Node) => Node;
}

function getWrapper(root: Node): (node: ts.Node) => Node {
  const lookup = (root as unknown as WrappedNodeLookup)._getNodeFromCompilerNode;
  // test/transform/descendants-of-kinds.test.ts fails first if a ts-morph upgrade takes it away.
  if (typeof lookup !== 'function') throw new Error('ts-morph no longer has Node#_getNodeFromCompilerNode');
  return (node) => lookup.call(root, node);
}
