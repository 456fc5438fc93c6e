import { afterAll, beforeAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Database } from '../../src/engine/database';
import { completeLoad, stageFile } from '../../src/extract/load-file';
import type { QualityReport } from '../../src/extract/report';
import { useNodeParquet } from '../../src/extract/readers/parquet-init-node';

/** Loads the bundled demo extract (public/demo/) into a database the way the app does. */
export async function loadDemoExtract(db: Database): Promise<QualityReport[]> {
  useNodeParquet();
  const manifest = JSON.parse(await readFile('public/demo/manifest.json', 'utf8')) as { files: { file: string; table: string; sha256: string }[] };
  const reports: QualityReport[] = [];
  for (const entry of manifest.files) {
    const bytes = new Uint8Array(await readFile(`public/demo/${entry.file}`));
    const staged = await stageFile(db, entry.file, bytes, { takenNames: new Set(), trusted: true, sha256: entry.sha256 });
    reports.push(await completeLoad(db, staged, { ...staged.proposal, name: entry.table }, { trusted: true }));
  }
  return reports;
}

/** A DuckDB-WASM database with the demo extract loaded, for a test file (started in beforeAll). */
export async function demoDatabase(): Promise<{ db: Database; reports: QualityReport[] }> {
  const { startNodeWasmDatabase } = await import('./wasm-node');
  const db = await startNodeWasmDatabase();
  return { db, reports: await loadDemoExtract(db) };
}

/**
 * For a test file (or describe block): loads the demo into a fresh DuckDB-WASM database before its
 * tests, hands it over, and closes it after them.
 */
export function useDemoDatabase(take: (loaded: { db: Database; reports: QualityReport[] }) => void): void {
  let db: Database | undefined;
  beforeAll(async () => {
    const loaded = await demoDatabase();
    db = loaded.db;
    take(loaded);
  }, 120_000);
  afterAll(async () => db?.close());
}
