import type { SourceFile } from 'ts-morph';
import type { FileStyle } from './file-style.js';
import { planImportAddition, resolveImports } from './imports.js';
import { getAfterImportsEdit } from './module-system.js';
import { getLineAndColumn, withParsedFile, withProjectFile, type ParsedFile } from './parse.js';
import { applyTextEdits, editsOverlap, type TextEdit } from './text-edits.js';
import { findModuleTracer, renderModuleTracer } from './tracer.js';
import type { TransformInput, TransformNote, TransformOutput } from './types.js';

/**
 * The edit engine every transform writes through. Edits are planned on one untouched parse of the file; an edit that
 * overlaps one planned before it is left out with a note naming both; imports and module-level declarations are
 * gathered per module and written once; the text is rewritten once, in `apply`. The tree is never mutated.
 */
export class EditPlan {
  readonly notes: TransformNote[] = [];
  private readonly edits: TextEdit[] = [];
  /** Names each module must export into the file that it does not yet, in the order they were asked for. */
  private readonly missingImports = new Map<string, string[]>();
  private readonly declarations: string[] = [];
  private readonly appended: string[] = [];
  private tracer: string | undefined;
  private readonly text: string;

  constructor(
    readonly sourceFile: SourceFile,
    readonly path: string,
    readonly style: FileStyle,
  ) {
    this.text = sourceFile.getFullText();
  }

  /** Whether anything would change the file. */
  get isEmpty(): boolean {
    return this.edits.length === 0 && this.missingImports.size === 0 && this.declarations.length === 0 && this.appended.length === 0;
  }

  /** 1-based line of an offset in the parsed text. */
  getLine(offset: number): number {
    return getLineAndColumn(this.text, offset).line;
  }

  /**
   * Plans an edit. One that overlaps an edit planned before is not made: the note says where, and names both edits
   * (the earlier one wins, so a transform plans what matters most first). Returns whether the edit was kept.
   */
  add(edit: TextEdit): boolean {
    const clash = this.edits.find((other) => editsOverlap(edit, other));
    if (clash) {
      this.notes.push({
        line: this.getLine(edit.start),
        kind: 'skipped',
        message: `${describe(edit)} (line ${this.getLine(edit.start)}) overlaps ${describe(clash)} (line ${this.getLine(clash.start)}) and was not made`,
      });
      return false;
    }
    this.edits.push(edit);
    return true;
  }

  /** Plans several edits; returns the ones kept. */
  addAll(edits: readonly TextEdit[]): TextEdit[] {
    return edits.filter((edit) => this.add(edit));
  }

  /** Edits planned so far whose range lies inside [start, end), taken out of the plan (an enclosing edit absorbs them). */
  takeEditsWithin(start: number, end: number): TextEdit[] {
    const inside = this.edits.filter((edit) => edit.start >= start && edit.end <= end && !(edit.start === end && edit.end === end));
    for (const edit of inside) this.edits.splice(this.edits.indexOf(edit), 1);
    return inside;
  }

  /** Rewrites the text of every planned edit (placeholders become the file's names once the imports are known). */
  mapEditTexts(map: (text: string) => string): void {
    for (const edit of this.edits) edit.text = map(edit.text);
  }

  /**
   * Makes each of `names` (values exported by `moduleName`) usable in the file, reusing what it already imports or
   * requires; returns how to refer to each. Missing names are written once per module, in `apply`.
   */
  importNames(moduleName: string, names: readonly string[]): Record<string, string> {
    const { refs, missing } = resolveImports(this.sourceFile, this.path, moduleName, names);
    const pending = this.missingImports.get(moduleName) ?? [];
    for (const name of missing) {
      if (!pending.includes(name)) pending.push(name);
      refs[name] = name;
    }
    if (pending.length > 0) this.missingImports.set(moduleName, pending);
    return refs;
  }

  /** The file's module-level tracer, declared after the imports when it has none. `traceRef` is how it reaches `trace`. */
  moduleTracer(tracerName: string, traceRef: string): string {
    this.tracer ??= findModuleTracer(this.sourceFile);
    if (this.tracer) return this.tracer;
    const { variable, statement } = renderModuleTracer(this.sourceFile, tracerName, traceRef, this.style);
    this.declarations.push(statement);
    this.tracer = variable;
    return variable;
  }

  /** Text written at the end of the file, after a blank line. */
  append(text: string): void {
    this.appended.push(text);
  }

  /** The new text: every planned edit, the imports and declarations, and the appended text, written at once. */
  apply(): string {
    const edits = [...this.edits];
    const statements: string[] = [];
    for (const [moduleName, names] of this.missingImports) {
      const addition = planImportAddition(this.sourceFile, this.path, moduleName, names, this.style);
      if ('edit' in addition) edits.push(addition.edit);
      else statements.push(addition.statement);
    }
    statements.push(...this.declarations);
    if (statements.length > 0) edits.push(getAfterImportsEdit(this.sourceFile, statements, this.text.includes('\r\n') ? '\r\n' : '\n'));
    let text = applyTextEdits(this.text, edits);
    for (const appended of this.appended) {
      const separator = text.endsWith(this.style.eol) || text === '' ? this.style.eol : `${this.style.eol}${this.style.eol}`;
      text = `${text}${separator}${appended}${this.style.eol}`;
    }
    return text;
  }
}

function describe(edit: TextEdit): string {
  if (edit.label) return `the edit "${edit.label}"`;
  const text = edit.text.length > 40 ? `${edit.text.slice(0, 40)}…` : edit.text;
  return `the edit writing ${JSON.stringify(text)}`;
}

/**
 * Parses the input once, lets `plan` plan its edits on the untouched tree, and writes them at once. A file whose plan
 * is empty comes back byte for byte. Notes: the plan's own, then the engine's (edits it left out).
 */
export function transformWithEdits(
  input: TransformInput,
  plan: (file: ParsedFile, edits: EditPlan) => TransformNote[],
  options: { symbols?: boolean } = {},
): TransformOutput {
  // Symbols (which declaration an identifier refers to) need the file in a project; everything else plans on the
  // compiler's tree alone.
  return (options.symbols ? withProjectFile : withParsedFile)(input, (file) => {
    const edits = new EditPlan(file.sourceFile, input.path, file.style);
    const notes = plan(file, edits);
    return { source: edits.isEmpty ? input.source : edits.apply(), notes: [...notes, ...edits.notes] };
  });
}
