import { ts } from 'ts-morph';

/**
 * Deeper syntax trees are refused before any transform sees them. ts-morph and the transforms walk trees recursively:
 * a 2,000-term `a + b + …` took seconds and then overflowed the stack, and 2,000 nested blocks overflow TypeScript's
 * own parser. Hand-written code stays far below this; generated code that does not is not ours to rewrite.
 */
export const MAX_NESTING_DEPTH = 500;

/** Why a file the parser could not finish (its stack overflowed) is refused. */
export const TOO_DEEP_TO_PARSE = `nested too deeply to parse (more than the parser's stack holds; the limit is ${MAX_NESTING_DEPTH} levels)`;

/** Why a parsed tree is too deeply nested to transform safely, or undefined. One walk with its own stack. */
export function getNestingRefusal(tree: ts.Node): string | undefined {
  const stack: Array<[ts.Node, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING_DEPTH) return `nested too deeply: more than ${MAX_NESTING_DEPTH} levels of syntax (a long chain such as a + b + … counts one level per term)`;
    node.forEachChild((child) => {
      stack.push([child, depth + 1]);
    });
  }
  return undefined;
}
