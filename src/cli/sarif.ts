import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ESLint } from 'eslint';

/** The parts of a rule's meta that SARIF shows. */
export interface SarifRuleMeta {
  docs?: { description?: string; url?: string };
}

function toUri(cwd: string, filePath: string): string {
  const rel = relative(cwd, filePath);
  if (rel.startsWith('..')) return pathToFileURL(filePath).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/**
 * ESLint results as a SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html),
 * the format code-scanning UIs read. Locations are relative to %SRCROOT%, the folder the lint ran in.
 */
export function formatSarif(
  results: ESLint.LintResult[],
  rulesMeta: Record<string, SarifRuleMeta | undefined>,
  tool: { name: string; version: string; informationUri: string },
  cwd: string,
): string {
  const ruleIds = [...new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId).filter((id): id is string => Boolean(id))))].sort();
  const rules = ruleIds.map((id) => {
    const docs = rulesMeta[id]?.docs;
    return {
      id,
      ...(docs?.description ? { shortDescription: { text: docs.description } } : {}),
      ...(docs?.url ? { helpUri: docs.url } : {}),
    };
  });
  const artifacts = results.filter((result) => result.messages.length > 0);
  const locate = (result: ESLint.LintResult, message: ESLint.LintResult['messages'][number]) => {
    const region: Record<string, number> = { startLine: Math.max(1, message.line ?? 1), startColumn: Math.max(1, message.column ?? 1) };
    if (message.endLine !== undefined) region.endLine = message.endLine;
    if (message.endColumn !== undefined) region.endColumn = message.endColumn;
    return [{ physicalLocation: { artifactLocation: { uri: toUri(cwd, result.filePath), uriBaseId: '%SRCROOT%', index: artifacts.indexOf(result) }, region } }];
  };
  // Findings are results; a file that could not be parsed is a failure of the run, reported as a notification.
  const sarifResults = artifacts.flatMap((result) =>
    result.messages
      .filter((message) => !message.fatal && message.ruleId)
      .map((message) => ({
        ruleId: message.ruleId!,
        ruleIndex: ruleIds.indexOf(message.ruleId!),
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: locate(result, message),
      })),
  );
  const notifications = artifacts.flatMap((result) =>
    result.messages
      .filter((message) => message.fatal || !message.ruleId)
      .map((message) => ({ level: 'error', message: { text: message.message }, locations: locate(result, message) })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...tool, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href } },
        artifacts: artifacts.map((result) => ({ location: { uri: toUri(cwd, result.filePath), uriBaseId: '%SRCROOT%' } })),
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
