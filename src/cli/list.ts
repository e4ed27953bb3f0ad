import type { TSESLint } from '@typescript-eslint/utils';
import type { TransformRegistry } from './registry.js';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[]>;

function formatRows(rows: Array<[string, string]>): string {
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, description]) => `  ${name.padEnd(width)}  ${description}\n`).join('');
}

/** `otel-codemod list`: every transform and rule with its one-line description. */
export function formatList(transforms: TransformRegistry, rules: Record<string, AnyRule>): string {
  const transformRows = Object.entries(transforms)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, transform]): [string, string] => [name, transform.description]);
  const ruleRows = Object.entries(rules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, rule]): [string, string] => {
      const docs = rule.meta.docs as { description?: string; recommended?: unknown } | undefined;
      const preset = docs?.recommended === 'strict' ? ' (strict)' : '';
      return [`otel/${id}`, `${docs?.description ?? ''}${preset}`];
    });
  return [
    'Transforms (otel-codemod <transform> [paths…]):\n',
    transformRows.length > 0 ? formatRows(transformRows) : '  (none)\n',
    '\nRules (otel-codemod lint, or otel-codemod/eslint-plugin):\n',
    ruleRows.length > 0 ? formatRows(ruleRows) : '  (none)\n',
    '\nReport (otel-codemod report [paths…] --format text|json|html): services, entry points and messaging flows, where traces break.\n',
  ].join('');
}
