import { parse, parseExpressionAt, type Node as AcornNode, type Program } from 'acorn';
import { analyze } from 'periscopic';
import { transform } from 'sucrase';
import type { Node as EstreeNode } from 'estree';
import type { CellError } from '../contracts';
import { isProvided, SANDBOX_NAMES, undefinedNameMessage } from './globals';
import { alignColumn } from './column-align';
import { splitLines } from './lines';

/**
 * A TypeScript cell's source → a JavaScript function and the names it needs from other cells.
 * Pure and DOM-free (like Observable Framework's parse/references): run on the page before a cell
 * goes to the sandbox, and in Node by the tests.
 *
 * The cell is the body of an async function, so it is wrapped before sucrase strips the types and
 * acorn parses the result; periscopic then finds the free identifiers. The wrapper is one line,
 * sucrase keeps lines, and the compiled function also has a one-line header: cell line N is line
 * N + 1 of both, which is how syntax and run-time errors get back to the cell's own text.
 */

/** A 1-based line and column in a cell's own text. */
export interface CellPosition {
  readonly line: number;
  readonly column: number;
}

/** A compiled TypeScript cell. */
export interface CompiledTsCell {
  /**
   * An async function expression. Its parameters are the sandbox's names (`sql`, `Plot`,
   * `Arrow`, ...) then `references`, in that order; its first line is a header and line N + 1 is
   * the cell's line N.
   */
  readonly js: string;
  /** the free names that another cell must define, sorted */
  readonly references: readonly string[];
  /** where each reference is first used, in the cell's text */
  readonly firstUse: Readonly<Record<string, CellPosition>>;
}

export type CompileResult = CompiledTsCell | { readonly error: CellError };

export function isCompileError(result: CompileResult): result is { readonly error: CellError } {
  return 'error' in result;
}

const WRAPPER_NAME = '__tierbook_cell__';
const WRAPPER_OPEN = `async function ${WRAPPER_NAME}() {\n`;
const WRAPPER_CLOSE = '\n}';
/**
 * Free names that cannot become parameters of the strict compiled function: a cell naming `eval`
 * would make a header acorn refuses, which used to escape as an uncaught error and stop a whole
 * notebook from opening. Such a cell gets its own error instead. (`arguments`, the other such
 * name, is the function's own and never a reference: globals.ts.)
 */
const STRICT_UNBINDABLE: ReadonlySet<string> = new Set(['eval']);
const ACORN = { ecmaVersion: 'latest', sourceType: 'module', locations: true } as const;

/** Compiles a TypeScript cell's source (an async function body). */
export function compileTsCell(source: string): CompileResult {
  const wrapped = WRAPPER_OPEN + source + WRAPPER_CLOSE;
  const cell = new CellText(source);
  let code: string;
  try {
    code = transform(wrapped, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (error) {
    return { error: cell.syntaxError(error, offsetPosition(wrapped, errorOffset(error))) };
  }
  const outputLines = splitLines(code);
  /** A 0-based position in sucrase's output (line 0 = the wrapper) → the cell's 1-based position. */
  const toCell = (at: ZeroBasedPosition) => cell.fromOutput(outputLines, at);
  let program: Program;
  try {
    program = parse(code, ACORN);
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    return { error: cell.syntaxError(error, loc ? { line: loc.line - 1, column: loc.column } : undefined, outputLines) };
  }
  const wrapper = program.body[0];
  if (program.body.length !== 1 || wrapper?.type !== 'FunctionDeclaration' || wrapper.id?.name !== WRAPPER_NAME) {
    // Only a `}` that closes the wrapper early gets here: point at it.
    const end = wrapper?.type === 'FunctionDeclaration' ? wrapper.end - 1 : 0;
    return { error: { message: "Unexpected '}': it closes the cell", ...toCell(offsetPosition(code, end) ?? { line: 0, column: 0 }) } };
  }
  const forbidden = findForbidden(wrapper.body);
  if (forbidden) {
    return { error: { message: forbidden.message, ...toCell({ line: forbidden.node.loc!.start.line - 1, column: forbidden.node.loc!.start.column }) } };
  }

  const firstUse: Record<string, CellPosition> = {};
  const references: string[] = [];
  for (const [name, node] of analyze(program as unknown as EstreeNode).globals) {
    if (isProvided(name)) continue;
    references.push(name);
    const start = node.loc?.start;
    if (start) firstUse[name] = toCell({ line: start.line - 1, column: start.column });
  }
  references.sort();
  const unbindable = references.find((name) => STRICT_UNBINDABLE.has(name));
  if (unbindable) return { error: { message: undefinedNameMessage(unbindable), ...firstUse[unbindable]! } };

  if (wrapper.body.loc?.start.line !== 1) throw new Error('sucrase moved the wrapper: cell lines would not map');
  const header = `async function (${[...SANDBOX_NAMES, ...references].join(', ')}) { "use strict"; {`;
  const js = `${header}${code.slice(wrapper.body.start + 1, wrapper.body.end - 1)}}}`;
  // Not a throw: one cell that defeats this check must fail alone, not stop the notebook opening.
  if (!isOneFunction(js)) return { error: { message: 'This cell cannot be compiled into one function: it was not run' } };
  return { js, references, firstUse };
}

/** Where a position in a compiled cell's `js` (1-based, as stacks report it) is in the cell's text. */
export function cellPositionOf(js: string, source: string, jsLine: number, jsColumn: number): CellPosition | undefined {
  if (jsLine < 2) return undefined; // the header line is ours
  return new CellText(source).fromOutput(splitLines(js), { line: jsLine - 1, column: Math.max(0, jsColumn - 1) });
}

/** A 0-based line and column. */
interface ZeroBasedPosition {
  readonly line: number;
  readonly column: number;
}

/** The cell's text, for turning wrapped-text positions (0-based, header on line 0) into its own. */
class CellText {
  private readonly lines: readonly string[];

  constructor(source: string) {
    this.lines = splitLines(source);
  }

  /** Line 0 of the wrapped text is the header; past the end means "at the end of the cell". */
  clamp(at: ZeroBasedPosition): CellPosition {
    if (at.line < 1) return { line: 1, column: 1 };
    if (at.line > this.lines.length) {
      const last = this.lines.length;
      return { line: last, column: (this.lines[last - 1] ?? '').length + 1 };
    }
    return { line: at.line, column: at.column + 1 };
  }

  /**
   * A position in output whose lines match the wrapped text's (sucrase's output, or a compiled
   * cell's js: both have one header line): same line, column aligned with the source line.
   */
  fromOutput(outputLines: readonly string[], at: ZeroBasedPosition): CellPosition {
    const source = this.lines[at.line - 1];
    const output = outputLines[at.line];
    if (source === undefined || output === undefined) return this.clamp(at);
    return this.clamp({ line: at.line, column: alignColumn(source, output, at.column) });
  }

  /** A syntax error at a position of the wrapped text, or of the output when its lines are given. */
  syntaxError(error: unknown, at: ZeroBasedPosition | undefined, outputLines?: readonly string[]): CellError {
    const raw = error instanceof Error ? error.message : String(error);
    const message = raw.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
    if (!at) return { message };
    return { message, ...(outputLines ? this.fromOutput(outputLines, at) : this.clamp(at)) };
  }
}

function errorOffset(error: unknown): number | undefined {
  const pos = (error as { pos?: unknown }).pos;
  return typeof pos === 'number' ? pos : undefined;
}

function offsetPosition(text: string, offset: number | undefined): ZeroBasedPosition | undefined {
  if (offset === undefined) return undefined;
  const lines = splitLines(text.slice(0, offset));
  return { line: lines.length - 1, column: lines.at(-1)!.length };
}

interface Forbidden {
  readonly node: AcornNode;
  readonly message: string;
}

/** `import()` and `import.meta` would load code or reveal where the sandbox lives: refused. */
function findForbidden(root: AcornNode): Forbidden | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!isNode(node)) continue;
    if (node.type === 'ImportExpression' || (node.type === 'MetaProperty' && (node as unknown as { meta: { name: string } }).meta.name === 'import')) {
      return { node, message: 'import is not available in TypeScript cells: other cells\' values are in scope by name' };
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'loc' && value && typeof value === 'object') stack.push(value);
    }
  }
  return undefined;
}

function isNode(value: unknown): value is AcornNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The compiled text must be exactly one function expression: nothing before or after it runs. */
function isOneFunction(js: string): boolean {
  try {
    const node = parseExpressionAt(js, 0, ACORN);
    return node.type === 'FunctionExpression' && node.end === js.length;
  } catch {
    return false;
  }
}
