import type { CellDigest, DataManifestEntry, Environment, SettableValue } from '../document';
import { isRecord } from './yaml-text';

/**
 * Checks that a section entry, as plain YAML values, has the shape the document model says.
 * Each returns the typed value or the reasons it is not one (phrased for the user), and lists
 * keys it does not know: those would be dropped by a save, so the reader reports them.
 */

export type Shaped<T> = { readonly value: T; readonly unknownKeys: readonly string[] } | { readonly reasons: readonly string[] };

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function unknownKeys(value: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(value).filter((k) => !known.includes(k));
}

/** A parameter set: input name → number, string, or weights (name → number). */
export function shapeParameterSet(value: unknown): Shaped<Readonly<Record<string, SettableValue>>> {
  if (!isRecord(value)) return { reasons: ['should map input names to values'] };
  const reasons: string[] = [];
  const entries: [string, SettableValue][] = [];
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'number' || typeof v === 'string') entries.push([name, v]);
    else if (isRecord(v) && Object.values(v).every((w) => typeof w === 'number')) entries.push([name, v as Record<string, number>]);
    else reasons.push(`\`${name}\` should be a number, a text, or weights (names with numbers)`);
  }
  return reasons.length > 0 ? { reasons } : { value: Object.fromEntries(entries), unknownKeys: [] };
}

const DATA_KEYS = ['table', 'file', 'size', 'sha256', 'rows', 'format', 'options', 'recognisedAs', 'columns', 'policy'] as const;
const COLUMN_KEYS = ['source', 'target', 'kind', 'unit'] as const;

/** One data manifest entry; `options`, `recognisedAs` and `columns` may be left out. */
export function shapeDataEntry(value: unknown): Shaped<DataManifestEntry> {
  if (!isRecord(value)) return { reasons: ['should be keys: table, file, size, sha256, rows, format, policy...'] };
  const reasons: string[] = [];
  const text = (key: string) => {
    const v = value[key];
    if (typeof v === 'string') return v;
    reasons.push(v === undefined ? `\`${key}\` is missing` : `\`${key}\` should be a text`);
    return '';
  };
  const count = (key: string) => {
    const v = value[key];
    if (isCount(v)) return v;
    reasons.push(v === undefined ? `\`${key}\` is missing` : `\`${key}\` should be a whole number ≥ 0`);
    return 0;
  };
  const entry: DataManifestEntry = {
    table: text('table'),
    file: text('file'),
    size: count('size'),
    sha256: text('sha256'),
    rows: count('rows'),
    format: text('format'),
    options: shapeOptions(value.options, reasons),
    recognisedAs: value.recognisedAs === undefined || value.recognisedAs === null ? null : text('recognisedAs'),
    columns: shapeColumns(value.columns, reasons),
    policy: text('policy'),
  };
  return reasons.length > 0 ? { reasons } : { value: entry, unknownKeys: unknownKeys(value, DATA_KEYS) };
}

function shapeOptions(value: unknown, reasons: string[]): DataManifestEntry['options'] {
  if (value === undefined || value === null) return {};
  const ok = isRecord(value) && Object.values(value).every((v) => ['string', 'number', 'boolean'].includes(typeof v));
  if (!ok) reasons.push('`options` should be keys with texts, numbers or true/false');
  return ok ? (value as Record<string, string | number | boolean>) : {};
}

function shapeColumns(value: unknown, reasons: string[]): DataManifestEntry['columns'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    reasons.push('`columns` should be a list');
    return [];
  }
  return value.flatMap((c: unknown, i) => {
    const ok =
      isRecord(c) &&
      typeof c.source === 'string' &&
      typeof c.target === 'string' &&
      typeof c.kind === 'string' &&
      (c.unit === undefined || typeof c.unit === 'number') &&
      unknownKeys(c, COLUMN_KEYS).length === 0;
    if (!ok) {
      reasons.push(`column ${i + 1} should have source, target and kind (texts) and maybe unit (a number)`);
      return [];
    }
    const { source, target, kind, unit } = c as { source: string; target: string; kind: string; unit?: number };
    return [unit === undefined ? { source, target, kind } : { source, target, kind, unit }];
  });
}

const DIGEST_KEYS = ['rows', 'hash', 'columns'] as const;

/** A result digest: rows, hash, and maybe per-column sum, min and max. */
export function shapeDigest(value: unknown): Shaped<CellDigest> {
  if (!isRecord(value)) return { reasons: ['should have `rows` and `hash`'] };
  const reasons: string[] = [];
  if (!isCount(value.rows)) reasons.push('`rows` should be a whole number ≥ 0');
  if (typeof value.hash !== 'string') reasons.push('`hash` should be a text');
  const columns = value.columns;
  const columnsOk =
    columns === undefined ||
    (isRecord(columns) &&
      Object.values(columns).every(
        (c) => isRecord(c) && ['sum', 'min', 'max'].every((k) => typeof c[k] === 'number') && Object.keys(c).length === 3,
      ));
  if (!columnsOk) reasons.push('`columns` should map column names to `sum`, `min` and `max` (numbers)');
  if (reasons.length > 0) return { reasons };
  const digest: CellDigest = { rows: value.rows as number, hash: value.hash as string };
  return {
    value: columns === undefined ? digest : { ...digest, columns: columns as CellDigest['columns'] },
    unknownKeys: unknownKeys(value, DIGEST_KEYS),
  };
}

/** The environment: app and DuckDB versions. */
export function shapeEnvironment(value: unknown): Shaped<Environment> {
  if (!isRecord(value) || typeof value.app !== 'string' || typeof value.duckdb !== 'string') {
    return { reasons: ['should have `app` and `duckdb` (texts)'] };
  }
  return { value: { app: value.app, duckdb: value.duckdb }, unknownKeys: unknownKeys(value, ['app', 'duckdb']) };
}
