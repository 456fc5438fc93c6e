import type { Database } from '../engine/database';
import { LoadError } from './issues';
import type { SourceFormat, SourceInfo } from './staging';

/**
 * How many times its own size a file needs in the browser while it loads: the bytes, the UTF-8
 * copy, DuckDB's staging table and the cleaned table for text; workbooks expand much more.
 */
const EXPANSION: Record<SourceFormat, number> = { csv: 3, json: 6, xlsx: 12, parquet: 5 };

/** Chromium cannot hand more than this to one ArrayBuffer read reliably. */
const HARD_LIMIT_BYTES = 2 * 1024 ** 3 - 1;

/** The largest file of a format the browser can load, given DuckDB's memory limit in bytes. */
export function maxFileBytes(format: SourceFormat, memoryLimitBytes: number): number {
  return Math.min(HARD_LIMIT_BYTES, Math.floor(memoryLimitBytes / EXPANSION[format]));
}

/** Refuses, with a clear message, a file larger than the browser can hold. */
export function checkFileSize(source: SourceInfo, memoryLimitBytes: number): void {
  const max = maxFileBytes(source.format, memoryLimitBytes);
  if (source.size > max) {
    throw new LoadError({ code: 'too-large', severity: 'error', file: source.name, detail: { size: source.size, max } });
  }
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, KIB: 1024, MB: 1e6, MIB: 1024 ** 2, GB: 1e9, GIB: 1024 ** 3, TB: 1e12, TIB: 1024 ** 4 };

/** DuckDB's `memory_limit` in bytes ("3.1 GiB" → 3328599654). */
export async function memoryLimitBytes(db: Database): Promise<number> {
  const r = await db.query("SELECT current_setting('memory_limit') AS m");
  const m = /^([\d.]+)\s*([a-z]+)$/i.exec(String(r.getChild('m')!.get(0)).trim());
  if (!m) return 3 * 1024 ** 3;
  return Math.floor(Number(m[1]) * (UNITS[m[2]!.toUpperCase()] ?? 1));
}
