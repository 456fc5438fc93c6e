import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { loadDemo } from '../../scripts/demo/load';
import { contentHash, DEMO_SETTINGS, MANIFEST_FILE, sha256File, type DemoManifest } from '../../scripts/demo/manifest';
import { writeTables } from '../../scripts/demo/files';
import { headersOf, type TableName } from '../../src/extract/schema';

const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'demo');

describe('the shipped demo in public/demo', () => {
  let manifest: DemoManifest;
  let db: NativeDatabase;

  beforeAll(async () => {
    manifest = JSON.parse(await readFile(join(DEMO_DIR, MANIFEST_FILE), 'utf8')) as DemoManifest;
    db = await NativeDatabase.open({ threads: 2 });
  });

  afterAll(async () => {
    await db?.close();
  });

  it('lists every shipped file with its true size and SHA-256, and stays small', async () => {
    const files = (await readdir(DEMO_DIR)).filter((f) => f !== MANIFEST_FILE).sort();
    expect(manifest.files.map((f) => f.file).sort()).toEqual(files);
    expect(files).toEqual(['balances.parquet', 'customers.parquet', 'facilities.parquet', 'loans.parquet', 'outcomes.parquet', 'repayments.parquet']);
    let total = 0;
    for (const f of manifest.files) {
      const path = join(DEMO_DIR, f.file);
      expect(await sha256File(path), f.file).toBe(f.sha256);
      expect((await stat(path)).size, f.file).toBe(f.bytes);
      total += f.bytes;
    }
    expect(total).toBeLessThan(6_000_000);
    expect(manifest).toMatchObject({ seed: DEMO_SETTINGS.seed, customers: DEMO_SETTINGS.customers, headers: 'zh', format: 'parquet' });
  });

  it('is what the generator makes today: same row counts and content, and the same bytes', async () => {
    const tables = await loadDemo(db, {
      customers: DEMO_SETTINGS.customers, seed: DEMO_SETTINGS.seed, asOf: DEMO_SETTINGS.asOf, truth: false,
    });
    expect(tables.map((t) => t.name)).not.toContain('_truth');
    for (const f of manifest.files) {
      const regenerated = await contentHash(db, { table: f.table });
      const shipped = await contentHash(db, { parquet: join(DEMO_DIR, f.file) });
      expect(regenerated, f.table).toEqual({ md5: f.contentMd5, rows: f.rows });
      expect(shipped, f.file).toEqual({ md5: f.contentMd5, rows: f.rows });
    }
    // Parquet bytes are stable for one DuckDB version (verified across threads and batch sizes)
    const version = await db.version();
    if (version !== manifest.duckdb) {
      console.warn(`DuckDB ${version} differs from ${manifest.duckdb}: Parquet bytes may differ; content is checked above`);
      return;
    }
    const out = await mkdtemp(join(tmpdir(), 'tierbook-demo-again-'));
    try {
      const written = await writeTables(db, tables, {
        format: DEMO_SETTINGS.format, outDir: out, headers: (t) => headersOf(t as TableName, DEMO_SETTINGS.headers), stamp: new Date(0),
      });
      for (const f of manifest.files) expect(await sha256File(join(out, f.file)), f.file).toBe(f.sha256);
      expect(written.map((w) => w.file).sort()).toEqual(manifest.files.map((f) => f.file).sort());
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
