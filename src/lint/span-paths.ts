import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { CodePath, CodePathSegment } from './code-path-tracker.js';

export type JumpNode = TSESTree.ReturnStatement | TSESTree.ThrowStatement | TSESTree.BreakStatement | TSESTree.ContinueStatement;

export interface PathSearch {
  /** The first path found that leaves without ending the span, if any. */
  leak: LeakingPath | undefined;
  /** Segments reached from the start before an end (ending segments included): where the span may still be open. */
  reached: ReadonlySet<CodePathSegment>;
}

export interface LeakingPath {
  /** The statement that leaves without ending the span, or undefined when the path falls off the end of the scope. */
  jump: JumpNode | undefined;
  /** Whether the path leaves by an exception (explicit `throw`). */
  throws: boolean;
}

/**
 * Breadth-first walk of the completed code path from the segments where the span starts. A segment holding an end
 * stops the walk on that path; reaching a final segment (returned or thrown) means a path leaves without ending it.
 * Linear in the number of segments: each is visited once, loops included.
 */
export function findLeakingPath(
  codePath: CodePath,
  startSegments: readonly CodePathSegment[],
  endingSegments: ReadonlySet<CodePathSegment>,
  jumpsBySegment: ReadonlyMap<CodePathSegment, JumpNode[]>,
  startOffset: number,
): PathSearch {
  const cameFrom = new Map<CodePathSegment, CodePathSegment | undefined>();
  const queue: CodePathSegment[] = [];
  for (const segment of startSegments) {
    if (!segment.reachable || cameFrom.has(segment)) continue;
    cameFrom.set(segment, undefined);
    queue.push(segment);
  }
  const thrown = new Set(codePath.thrownSegments);
  let leak: LeakingPath | undefined;
  for (let index = 0; index < queue.length; index++) {
    const segment = queue[index]!;
    if (endingSegments.has(segment)) continue;
    const next = segment.nextSegments.filter((candidate) => candidate.reachable);
    if (next.length === 0 && (!leak || isImplicitThrow(leak))) {
      const path = rebuildPath(segment, cameFrom);
      const jump = findFirstJump(path, jumpsBySegment, startOffset);
      // A `return` inside try/finally reaches ESLint's final segment through the finally, which it may also mark thrown.
      const throws = jump ? jump.type === AST_NODE_TYPES.ThrowStatement : thrown.has(segment);
      const found = { jump, throws };
      if (!leak || !isImplicitThrow(found)) leak = found;
    }
    for (const candidate of next) {
      if (cameFrom.has(candidate)) continue;
      cameFrom.set(candidate, segment);
      queue.push(candidate);
    }
  }
  return { leak, reached: new Set(cameFrom.keys()) };
}

/** ESLint's own throw edge out of a try block: the exception-path pass names the call instead. */
export function isImplicitThrow(leak: LeakingPath): boolean {
  return leak.throws && leak.jump?.type !== AST_NODE_TYPES.ThrowStatement;
}

function rebuildPath(last: CodePathSegment, cameFrom: ReadonlyMap<CodePathSegment, CodePathSegment | undefined>): CodePathSegment[] {
  const path: CodePathSegment[] = [];
  for (let segment: CodePathSegment | undefined = last; segment; segment = cameFrom.get(segment)) path.unshift(segment);
  return path;
}

function findFirstJump(path: readonly CodePathSegment[], jumpsBySegment: ReadonlyMap<CodePathSegment, JumpNode[]>, startOffset: number): JumpNode | undefined {
  for (const segment of path) {
    const jump = jumpsBySegment.get(segment)?.find((node) => node.range[0] >= startOffset);
    if (jump) return jump;
  }
  return undefined;
}

export function describeJump(jump: JumpNode | undefined): string {
  switch (jump?.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return 'return';
    case AST_NODE_TYPES.ThrowStatement:
      return 'throw';
    case AST_NODE_TYPES.BreakStatement:
      return 'break';
    case AST_NODE_TYPES.ContinueStatement:
      return 'continue';
    default:
      return 'end of the function';
  }
}
