import type { Node, SyntaxKind } from 'ts-morph';

/**
 * The descendants of `root` of any of `kinds`, in the order a walk of the tree meets them (an outer node before the
 * nodes inside it). Only these are wrapped as ts-morph nodes: a walk with `forEachDescendant` wraps every node of the
 * file, which costs more than the parse in a file where nothing matches.
 */
export function getDescendantsOfKinds(root: Node, kinds: readonly SyntaxKind[]): Node[] {
  const found = kinds.flatMap((kind) => root.getDescendantsOfKind(kind) as Node[]);
  if (kinds.length < 2) return found;
  // Two nodes met at the same position are one inside the other: the outer one, which ends later, comes first.
  return found.sort((a, b) => a.getPos() - b.getPos() || b.getEnd() - a.getEnd());
}
