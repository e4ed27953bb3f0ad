import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  DESCRIPTIVE_PREFIX_WORDS,
  DESCRIPTIVE_SUFFIX_WORDS,
  NON_SECRET_NEXT_WORDS,
  SENSITIVE_WORD_PATTERNS,
  type SensitiveWordPattern,
} from '../catalog/sensitive-patterns.js';
import { getPropertyName, skipTransparentWrappers } from './ast.js';

/**
 * Splits a key or name into lowercase words on `.`, `_`, `-`, spaces and camelCase:
 * `http.request.header.x-api-key` → http request header x api key, `STRIPE_SECRET_KEY` → stripe secret key.
 */
export function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

function sequenceAt(words: readonly string[], sequence: readonly string[], index: number): boolean {
  return sequence.every((word, offset) => words[index + offset] === word);
}

/** Whether `words` ends with one of the space-separated sequences; returns the index where it starts, or -1. */
export function findEnding(words: readonly string[], sequences: readonly string[]): number {
  let best = -1;
  for (const sequence of sequences) {
    const parts = sequence.split(' ');
    const start = words.length - parts.length;
    if (start >= 0 && sequenceAt(words, parts, start) && (best === -1 || start < best)) best = start;
  }
  return best;
}

/**
 * The sensitive pattern `words` carry, if any. A match only counts when it ends at or after `minEnd`
 * (so `email.subject` is not an email when only the last name is judged), and not when it is described
 * rather than carried: a descriptive last word after it (`email.count`, `token.type`) or a descriptive
 * word right before it (`user.has_password`, `hashed_email`).
 */
export function findSensitiveWordPattern(
  words: readonly string[],
  patterns: readonly SensitiveWordPattern[] = SENSITIVE_WORD_PATTERNS,
  minEnd = 0,
): SensitiveWordPattern | undefined {
  for (const pattern of patterns) {
    for (const sequence of pattern.words) {
      const parts = sequence.split(' ');
      for (let index = 0; index + parts.length <= words.length; index++) {
        const end = index + parts.length;
        if (end <= minEnd || !sequenceAt(words, parts, index)) continue;
        const before = words[index - 1];
        if (before !== undefined && (DESCRIPTIVE_PREFIX_WORDS.includes(before) || pattern.notAfter?.includes(before))) continue;
        const last = words.at(-1);
        if (end < words.length && last !== undefined && DESCRIPTIVE_SUFFIX_WORDS.includes(last)) continue;
        // `llm.token_count.prompt`, `jwt.public_key`: the next word describes the thing or makes it public.
        const next = words[end];
        if (next !== undefined && (DESCRIPTIVE_SUFFIX_WORDS.includes(next) || NON_SECRET_NEXT_WORDS.includes(next))) continue;
        return pattern;
      }
    }
  }
  return undefined;
}

/** Whether a key or name (`user.email`, `apiKey`) carries one of the sensitive patterns. */
export function matchesSensitiveWords(text: string, pattern: SensitiveWordPattern): boolean {
  return findSensitiveWordPattern(splitWords(text), [pattern]) !== undefined;
}

/**
 * The names of a plain access path: `req.headers.authorization` → req, headers, authorization;
 * `this.apiKey` → this, apiKey; `headers['x-api-key']` → headers, x-api-key. Undefined for anything else.
 */
export function getNameChain(node: TSESTree.Node): string[] | undefined {
  const expression = skipTransparentWrappers(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return [expression.name];
    case AST_NODE_TYPES.ThisExpression:
      return ['this'];
    case AST_NODE_TYPES.MemberExpression: {
      const name = getPropertyName(expression);
      const object = getNameChain(expression.object);
      return name !== undefined && object ? [...object, name] : undefined;
    }
    default:
      return undefined;
  }
}

/** The words of the last two names of a chain, and where the last name's words start. */
export function getTailWords(chain: readonly string[]): { words: string[]; lastStart: number } {
  const last = splitWords(chain.at(-1) ?? '');
  const previous = chain.length > 1 ? splitWords(chain.at(-2) ?? '') : [];
  return { words: [...previous, ...last], lastStart: previous.length };
}

/** Whether `key` is in a configured key list; an entry may end in `*` to match a prefix (`app.debug.*`). */
export function matchesKeyList(key: string, list: readonly string[]): boolean {
  return list.some((entry) => (entry.endsWith('*') ? key.startsWith(entry.slice(0, -1)) : key === entry));
}
