/**
 * Re-runs a bundled notebook on the demo extract (in Node, on the same DuckDB-WASM build as the
 * browser) and writes its data manifest, environment and result digests back into the file, so
 * the test that replays every bundled notebook has numbers to verify:
 *
 *   npx tsx scripts/save-notebook-results.ts notebooks/demo.md
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readNotebook, writeNotebook } from '../src/notebook/format';
import { manifestEntry } from '../src/notebook/manifest';
import { startNodeWasmDatabase } from '../test/support/wasm-node';
import { loadDemoExtract } from '../test/support/demo-extract';
import { nodeRuntime, runNotebook } from '../test/support/run-notebook';
import pkg from '../package.json';

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('usage: npx tsx scripts/save-notebook-results.ts notebooks/<file>.md');
  const { document, problems } = readNotebook(await readFile(path, 'utf8'));
  for (const p of problems) console.warn(`${path}:${p.line}: ${p.severity}: ${p.message}`);
  const db = await startNodeWasmDatabase();
  const reports = await loadDemoExtract(db);
  const runtime = nodeRuntime(db, new Set(reports.map((r) => r.table)));
  await runNotebook(runtime, document);
  const digests = await runtime.digests();
  const out = writeNotebook({ ...document, digests, data: reports.map(manifestEntry), environment: { app: pkg.version, duckdb: await db.version() } });
  await writeFile(path, out);
  console.log(`${path}: ${Object.keys(digests).length} digests, ${reports.length} data files`);
  await db.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
