/**
 * The app's JavaScript in a build, each file with its gzip size (level 9, as a static server
 * would send it), DuckDB's worker bundles left out: those are DuckDB's, not the app's, and
 * are counted with the wasm as "DuckDB bundles".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { JsFile } from '../results';

const DUCKDB_FILE = /^duckdb-/;

/** The build's JavaScript files (not DuckDB's), `atStart` when the page fetched them on start. */
export function appJsFiles(distDir: string, fetchedAtStart: readonly string[]): JsFile[] {
  const assets = join(distDir, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js') && !DUCKDB_FILE.test(name))
    .map((name) => {
      const bytes = readFileSync(join(assets, name));
      return { name, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, atStart: fetchedAtStart.includes(name) };
    });
}

/** DuckDB's files in the build (wasm and worker bundles). */
export function duckdbFiles(distDir: string): string[] {
  return readdirSync(join(distDir, 'assets')).filter((name) => DUCKDB_FILE.test(name));
}
