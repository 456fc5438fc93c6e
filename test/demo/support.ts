import type { Table } from 'apache-arrow';
import type { Database } from '../../src/engine/database';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { DEFAULT_AS_OF, type DemoOptions } from '../../src/demo/context';
import { loadDemo, type LoadedTable } from '../../scripts/demo/load';

/** Demo options for tests: seed 42, the default as-of date, no truth unless asked. */
export function demoOptions(customers: number, extra: Partial<DemoOptions> = {}): DemoOptions {
  return { customers, seed: 42, asOf: DEFAULT_AS_OF, truth: false, ...extra };
}

/** A native database holding a generated extract (tables named after the canonical tables). */
export async function loadedDatabase(options: DemoOptions): Promise<{ db: NativeDatabase; tables: LoadedTable[] }> {
  const db = await NativeDatabase.open({ threads: 2 });
  const tables = await loadDemo(db, options, { batchCustomers: 1000 });
  return { db, tables };
}

/** Column `name` of a result as plain values (BigInt as number). */
export function column(table: Table, name: string): unknown[] {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`No column ${name} in ${table.schema.fields.map((f) => f.name).join(', ')}`);
  return Array.from({ length: table.numRows }, (_, i) => {
    const v: unknown = vector.get(i);
    return typeof v === 'bigint' ? Number(v) : v;
  });
}

/** Column `name` as numbers. */
export function numbers(table: Table, name: string): number[] {
  return column(table, name).map((v) => Number(v));
}

/** The single value of a one-row, one-column query. */
export async function scalar(db: Database, sql: string): Promise<number> {
  const result = await db.query(sql);
  const v: unknown = result.getChildAt(0)!.get(0);
  return Number(v);
}

/**
 * Area under the ROC curve by counting pairs: an (event, non-event) pair scores 1 when the event
 * scores higher, ½ on a tie, 0 otherwise (DOMAIN.md's convention).
 */
export function auc(scores: readonly number[], events: readonly boolean[]): number {
  const positives: number[] = [];
  const negatives: number[] = [];
  scores.forEach((s, i) => (events[i] ? positives : negatives).push(s));
  if (positives.length === 0 || negatives.length === 0) throw new Error('AUC needs both events and non-events');
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** z-scores of a column (0 when it is constant). */
export function standardise(values: readonly number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return values.map((v) => (sd === 0 ? 0 : (v - mean) / sd));
}

/** Pearson correlation. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const za = standardise(a);
  const zb = standardise(b);
  return za.reduce((sum, v, i) => sum + v * zb[i]!, 0) / za.length;
}
