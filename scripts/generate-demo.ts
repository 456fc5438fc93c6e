import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeDatabase } from '../src/engine/native/native-database';
import { isoDate } from '../src/demo/dates';
import { generateExtract } from './demo/run';
import { DEMO_SETTINGS, MANIFEST_FILE, manifestFiles, type DemoManifest } from './demo/manifest';

/**
 * Regenerates the shipped demo extract in public/demo/ (npx tsx scripts/generate-demo.ts):
 * 5,000 customers, seed 42, Chinese headers, Parquet (zstd), and manifest.json listing each
 * file's table, row count, size, SHA-256 and content hash. test/demo/shipped-demo.test.ts checks
 * that regenerating gives the same content.
 */
const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'demo');

async function main(): Promise<void> {
  const result = await generateExtract({
    customers: DEMO_SETTINGS.customers, seed: DEMO_SETTINGS.seed, asOf: DEMO_SETTINGS.asOf, truth: false,
    format: DEMO_SETTINGS.format, headers: DEMO_SETTINGS.headers, outDir, messy: false,
  });
  const db = await NativeDatabase.open({ threads: 1 });
  try {
    const manifest: DemoManifest = {
      generator: 'tierbook demo generator (src/demo/model.ts)',
      seed: DEMO_SETTINGS.seed,
      customers: DEMO_SETTINGS.customers,
      asOf: isoDate(DEMO_SETTINGS.asOf),
      headers: DEMO_SETTINGS.headers,
      format: DEMO_SETTINGS.format,
      duckdb: await db.version(),
      regenerate: 'npx tsx scripts/generate-demo.ts',
      files: await manifestFiles(db, result.files),
    };
    await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const total = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    for (const f of manifest.files) process.stdout.write(`${f.file.padEnd(20)} ${String(f.rows).padStart(8)} rows ${String(f.bytes).padStart(9)} bytes\n`);
    process.stdout.write(`public/demo: ${(total / 1e6).toFixed(2)} MB in ${manifest.files.length} files, manifest written\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
