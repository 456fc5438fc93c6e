import { isNamed, type Cell, type CellId, type CellKind, type InputSpec, type InputValue } from '../notebook/document';
import type { CellError } from './contracts';
import { analyseSqlCell, type SqlCellAnalysis } from './sql/sql-references';

/** How the runtime learns what a TypeScript cell refers to (the sandbox's compiler). */
export type TsReferences = (source: string) => { readonly references: readonly string[] } | { readonly error: CellError };

/** How the runtime reads an input cell's definition (the notebook format's parser). */
export type InputParser = (cell: Extract<Cell, { kind: 'input' }>) => { readonly spec: InputSpec } | { readonly error: CellError };

/** A cell as the runtime needs it: what it defines, what it reads, and how it runs. */
export interface CompiledCell {
  readonly id: CellId;
  readonly kind: CellKind;
  readonly name?: string;
  readonly source: string;
  /** names the cell refers to: other cells' names, loaded tables, input names */
  readonly references: readonly string[];
  /** a problem found before running (syntax, a bad input definition) */
  readonly error?: CellError;
  readonly sql?: SqlCellAnalysis;
  readonly input?: { readonly spec: InputSpec; readonly value: InputValue };
  /**
   * What must change for the cell to re-run: its kind, name or source (a renamed cell publishes
   * its result under the new name), except an input's value, which moves with the control and
   * is compared on its own (moving a slider re-runs what reads it once).
   */
  readonly identity: string;
}

/** The value cells see for an input: sliders and numbers as numbers, weights as fractions. */
export function inputValue(spec: InputSpec): InputValue {
  if (spec.type === 'weights') {
    return Object.fromEntries(Object.entries(spec.weights).map(([k, v]) => [k, v / 100]));
  }
  if (spec.type === 'model') return spec.model;
  return spec.value;
}

/** The spec without its value: what makes two versions of an input the same control. */
function inputIdentity(spec: InputSpec): string {
  const { ...rest } = spec as Record<string, unknown>;
  delete rest['value'];
  delete rest['weights'];
  return JSON.stringify(rest);
}

/** Compiles a cell (pure): its name, references and problems. */
export function compileCell(cell: Cell, compileTs: TsReferences, parseInput: InputParser): CompiledCell {
  const name = isNamed(cell) ? cell.name : '';
  const base = { id: cell.id, kind: cell.kind, source: cell.source, identity: `${cell.kind}\u0000${name}\u0000${cell.source}` };
  switch (cell.kind) {
    case 'markdown':
      return { ...base, references: [] };
    case 'sql': {
      const sql = analyseSqlCell(cell.source);
      if ('error' in sql) return { ...base, name: cell.name, references: [], error: sql.error };
      return { ...base, name: cell.name, references: [...sql.tables, ...sql.params], sql };
    }
    case 'ts': {
      const compiled = compileTs(cell.source);
      if ('error' in compiled) return { ...base, name: cell.name, references: [], error: compiled.error };
      return { ...base, name: cell.name, references: compiled.references };
    }
    case 'input': {
      const parsed = parseInput(cell);
      if ('error' in parsed) return { ...base, name: cell.name, references: [], error: parsed.error };
      return {
        ...base,
        name: cell.name,
        references: [],
        input: { spec: parsed.spec, value: inputValue(parsed.spec) },
        identity: `input\u0000${name}\u0000${inputIdentity(parsed.spec)}`,
      };
    }
  }
}
