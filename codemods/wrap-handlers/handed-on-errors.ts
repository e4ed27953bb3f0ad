import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import type { FileStyle } from '../../src/transform/file-style.js';
import type { TransformNote } from '../../src/transform/types.js';
import { getLineIndent, type TextEdit, type WrappableFunction } from '../../src/transform/wrap-body.js';

/**
 * Express handlers hand errors to the framework with `next(err)` instead of throwing: the span's `catch` never sees
 * them. Where `next(err)` is a statement and `err` a variable, or an error built in the call, the error is recorded on
 * the span right before it.
 */

/** `next(…)` calls with an argument in the handler, where `next` is still the handler's parameter. */
function getNextCalls(fn: WrappableFunction, next: string): CallExpression[] {
  return fn.getDescendantsOfKind(SyntaxKind.CallExpression).filter((call) => {
    if (call.getExpression().getText() !== next || call.getArguments().length === 0) return false;
    for (let scope = call.getParent(); scope && scope !== fn; scope = scope.getParent()) {
      if ((Node.isArrowFunction(scope) || Node.isFunctionExpression(scope) || Node.isFunctionDeclaration(scope)) && scope.getParameters().some((p) => p.getName() === next)) return false;
    }
    return true;
  });
}

/** The statement `next(err);` or `return next(err);` a call is, when it stands alone in a block. */
function getOwnStatement(call: CallExpression): Node | undefined {
  const parent = call.getParent();
  if (!Node.isExpressionStatement(parent) && !Node.isReturnStatement(parent)) return undefined;
  const holder = parent.getParent();
  return holder && (Node.isBlock(holder) || Node.isCaseClause(holder) || Node.isDefaultClause(holder)) ? parent : undefined;
}

function isRecordable(call: CallExpression): boolean {
  const [error] = call.getArguments();
  return error !== undefined && Node.isIdentifier(error) && error.getText() !== 'undefined' && getOwnStatement(call) !== undefined;
}

/**
 * `next(new Error('not found'))`, `return next(createError(500))`: an error built in the call, in a statement of its own.
 * It is given a name first (`const error = new Error(…)`), so that the span records the same object Express receives.
 */
function isBuiltInPlace(call: CallExpression): boolean {
  const [error] = call.getArguments();
  return (Node.isNewExpression(error) || Node.isCallExpression(error)) && getOwnStatement(call) !== undefined;
}

const ERROR_NAMES = ['error', 'err', 'handedOnError', 'nextError'];

/** A name for each error built in place: unused in the function, and distinct among those declared in one block. */
function nameErrorsBuiltInPlace(fn: WrappableFunction, calls: readonly CallExpression[]): Map<CallExpression, string> {
  const used = new Set(fn.getDescendantsOfKind(SyntaxKind.Identifier).map((identifier) => identifier.getText()));
  const declaredIn = new Map<Node, Set<string>>();
  const names = new Map<CallExpression, string>();
  for (const call of calls) {
    const holder = getOwnStatement(call)!.getParentOrThrow();
    const declared = declaredIn.get(holder) ?? new Set<string>();
    const name = ERROR_NAMES.find((candidate) => !used.has(candidate) && !declared.has(candidate)) ?? `nextError${declared.size + 1}`;
    declared.add(name);
    declaredIn.set(holder, declared);
    names.set(call, name);
  }
  return names;
}

/**
 * `next(new HttpException(404, …))`: an error built in place with a literal 4xx status first. The span does not see it,
 * but it is the client's error, and the response's status code (see render.ts) tells what happened: no note.
 */
function isClientErrorInPlace(call: CallExpression): boolean {
  const [error] = call.getArguments();
  if (!Node.isNewExpression(error)) return false;
  const status = error.getArguments()[0];
  return status !== undefined && Node.isNumericLiteral(status) && Number(status.getLiteralValue()) >= 400 && Number(status.getLiteralValue()) < 500;
}

/** Notes for the `next(…)` hand-offs the span cannot see: an error built in place, `.catch(next)`, an expression body. */
export function getHandedOnErrorNotes(fn: WrappableFunction, next: string | undefined): TransformNote[] {
  if (!next) return [];
  const notes: TransformNote[] = getNextCalls(fn, next)
    .filter((call) => !isRecordable(call) && !isBuiltInPlace(call) && !/^['"`]route['"`]$/.test(call.getArguments()[0]!.getText()) && !isClientErrorInPlace(call))
    .map((call) => ({
      line: call.getStartLineNumber(),
      kind: 'review' as const,
      message: `\`${call.getText().slice(0, 60)}\` hands an error to Express that the span does not record: assign the error to a variable first, or record it on the span`,
    }));
  const references = fn.getDescendantsOfKind(SyntaxKind.Identifier).filter((identifier) => identifier.getText() === next && Node.isCallExpression(identifier.getParent()) && identifier.getParent() !== undefined && (identifier.getParent() as CallExpression).getExpression() !== identifier);
  for (const reference of references) {
    notes.push({ line: reference.getStartLineNumber(), kind: 'review', message: `\`${next}\` is passed as a callback: errors it receives are not recorded on the span` });
  }
  return notes;
}

interface HandOnFacts {
  statusCode: string;
  /** Where the project's errors carry their HTTP status (see error-statuses.ts). */
  errorStatusFields: readonly string[] | undefined;
  /** The span ends with the response, whose status code decides ERROR (see render.ts): only the error is recorded here. */
  statusFromResponse: boolean;
}

/**
 * Insertions that record `err` on the span before each `next(err);` statement; an error built in the call is named
 * first. Where the span ends with the response, that is all: the error handler's answer decides ERROR. Without the
 * response, ERROR is set here unless the error carries a status below 500 (a 4xx is the client's error, not the server's).
 */
export function getHandedOnErrorEdits(fn: WrappableFunction, next: string, span: string, facts: HandOnFacts, style: FileStyle): TextEdit[] {
  const semicolon = style.semicolons ? ';' : '';
  const text = fn.getSourceFile().getFullText();
  const fields = facts.errorStatusFields ?? ['status', 'statusCode'];
  const calls = getNextCalls(fn, next);
  const builtInPlace = calls.filter((call) => !isRecordable(call) && isBuiltInPlace(call) && !isClientErrorInPlace(call));
  const names = nameErrorsBuiltInPlace(fn, builtInPlace);
  return calls
    .filter((call) => isRecordable(call) || names.has(call))
    .flatMap((call) => {
      const statement = getOwnStatement(call)!;
      const argument = call.getArguments()[0]!;
      const error = names.get(call) ?? argument.getText();
      const indent = getLineIndent(text, statement.getStart());
      const status = fields.map((field) => `Object(${error}).${field}`).join(' ?? ');
      const lines = [
        ...(names.has(call) ? [`const ${error} = ${argument.getText()}${semicolon}`] : []),
        `${span}.recordException(${error} instanceof Error ? ${error} : String(${error}))${semicolon}`,
        ...(facts.statusFromResponse
          ? []
          : [`if (!(Number(${status}) < 500)) ${span}.setStatus({ code: ${facts.statusCode}.ERROR, message: ${error} instanceof Error ? ${error}.message : String(${error}) })${semicolon}`]),
      ];
      const record = { start: statement.getStart(), end: statement.getStart(), text: lines.map((line) => `${line}${style.eol}${indent}`).join('') };
      return names.has(call) ? [record, { start: argument.getStart(), end: argument.getEnd(), text: error }] : [record];
    });
}
