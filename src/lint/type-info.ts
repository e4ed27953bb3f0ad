import { ESLintUtils, type ParserServicesWithTypeInformation, type TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Type information when the user's config provides it (`parserOptions.projectService` or `project`), else undefined.
 * `getParserServices(context, true)` throws under parsers other than typescript-eslint's (espree for plain JS),
 * so the parser's own services are checked first: rules must work on syntax alone.
 */
export function getTypeServices(context: Context): ParserServicesWithTypeInformation | undefined {
  const services = context.sourceCode.parserServices;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  const full = ESLintUtils.getParserServices(context, true);
  return full.program ? (full as ParserServicesWithTypeInformation) : undefined;
}
