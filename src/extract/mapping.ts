import type { ColumnKind, TableName } from './schema';

/** How sure the recognition step is about one column. */
export type MatchConfidence = 'exact' | 'alias' | 'partial' | 'remembered' | 'user' | 'none';

/** Where one staged column goes and how its text is read. */
export interface ColumnMapping {
  /** the staged column's name */
  readonly source: string;
  /** the header as written in the file */
  readonly header: string;
  /** the column's name in the loaded table: canonical when mapped, else the header */
  readonly target: string;
  /** true when `target` is a column of the recognised extract table */
  readonly canonical: boolean;
  /** how the raw text is parsed */
  readonly kind: ColumnKind;
  /** multiplier to 元 for amounts (1, 10,000 for 万元, 100,000,000 for 亿元) */
  readonly unit: number;
  readonly confidence: MatchConfidence;
}

/** The column-mapping step's result: which extract table a file is, and each column's fate. */
export interface TableMapping {
  /** the extract table recognised, or null for a plain table */
  readonly table: TableName | null;
  /** the name the loaded table gets */
  readonly name: string;
  readonly columns: readonly ColumnMapping[];
}

/** What to do with rows that have a value that cannot be read. */
export type InvalidRowPolicy = 'reject-row' | 'keep-row-blank-cell';

/** Remembers a confirmed mapping for the next file with the same header. */
export interface MappingMemory {
  recall(signature: string): TableMapping | undefined;
  remember(signature: string, mapping: TableMapping): void;
}

/** The key a mapping is remembered under: the file's headers, in order. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map((h) => h.trim()).join('\u001f');
}

/** A MappingMemory in a Map (tests, headless runs). */
export class InMemoryMappingMemory implements MappingMemory {
  private readonly entries = new Map<string, TableMapping>();
  recall(signature: string): TableMapping | undefined {
    return this.entries.get(signature);
  }
  remember(signature: string, mapping: TableMapping): void {
    this.entries.set(signature, mapping);
  }
}
