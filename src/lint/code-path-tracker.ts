import type { Rule } from 'eslint';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type CodePath = Rule.CodePath;
export type CodePathSegment = Rule.CodePathSegment;

interface CodePathFrame<State> {
  codePath: CodePath;
  /** ESLint 9 removed `codePath.currentSegments`; we keep our own, fed by the segment events. */
  currentSegments: Set<CodePathSegment>;
  /** The rule's own data for this code path, dropped when the path ends (rules-of-hooks keeps state the same way). */
  state: State;
}

/**
 * Follows ESLint's code path analysis: which code path and segments are current at each node, a state object per
 * code path, and a callback when a code path is complete (when its graph can be walked).
 */
export class CodePathTracker<State> {
  private readonly stack: CodePathFrame<State>[] = [];

  constructor(
    private readonly createState: (codePath: CodePath, node: TSESTree.Node) => State,
    private readonly onCodePathComplete: (codePath: CodePath, state: State, node: TSESTree.Node) => void,
  ) {}

  /** The state of the innermost code path being traversed. */
  getCurrentState(): State | undefined {
    return this.stack.at(-1)?.state;
  }

  /** Segments the current node belongs to (two inside `finally`: the normal and the leaving path). */
  getCurrentSegments(): CodePathSegment[] {
    const frame = this.stack.at(-1);
    return frame ? [...frame.currentSegments] : [];
  }

  getCurrentCodePath(): CodePath | undefined {
    return this.stack.at(-1)?.codePath;
  }

  /** The code path listeners, to merge into a rule's listener. */
  getListeners(): Rule.RuleListener {
    const segmentStart = (segment: CodePathSegment): void => {
      this.stack.at(-1)?.currentSegments.add(segment);
    };
    const segmentEnd = (segment: CodePathSegment): void => {
      this.stack.at(-1)?.currentSegments.delete(segment);
    };
    return {
      onCodePathStart: (codePath: CodePath, node: Rule.Node) => {
        this.stack.push({ codePath, currentSegments: new Set(), state: this.createState(codePath, node as unknown as TSESTree.Node) });
      },
      onCodePathEnd: (codePath: CodePath, node: Rule.Node) => {
        const frame = this.stack.pop();
        if (frame) this.onCodePathComplete(codePath, frame.state, node as unknown as TSESTree.Node);
      },
      onCodePathSegmentStart: segmentStart,
      onCodePathSegmentEnd: segmentEnd,
      onUnreachableCodePathSegmentStart: segmentStart,
      onUnreachableCodePathSegmentEnd: segmentEnd,
    };
  }
}

/**
 * Merges listeners into a rule's listener. typescript-eslint's RuleListener does not type the `onCodePath*` keys,
 * ESLint's does; this is the one place the two meet.
 */
export function mergeListeners(codePathListener: Rule.RuleListener, ruleListener: TSESLint.RuleListener): TSESLint.RuleListener {
  const listeners: object[] = [codePathListener, ruleListener];
  const merged: Record<string, (...args: unknown[]) => void> = {};
  for (const listener of listeners) {
    for (const [key, handler] of Object.entries(listener)) {
      if (typeof handler !== 'function') continue;
      const previous = merged[key];
      const next = handler as (...args: unknown[]) => void;
      merged[key] = previous ? (...args: unknown[]) => { previous(...args); next(...args); } : next;
    }
  }
  return merged as TSESLint.RuleListener;
}
