import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayNotebook } from '../../src/replay/replay';

/**
 * CI's headless replay: every notebook in notebooks/ replayed by `npm run replay`'s library on
 * native DuckDB must reproduce every saved digest and its data manifest (the digests were saved
 * from DuckDB-WASM, so this also proves the two engines digest alike; bundled-notebooks.test.ts
 * replays the same notebooks on DuckDB-WASM).
 */
const NOTEBOOKS = readdirSync('notebooks').filter((f) => f.endsWith('.md'));

describe.each(NOTEBOOKS)('npm run replay notebooks/%s on native DuckDB', (file) => {
  it('reproduces every file and every cell', async () => {
    const report = await replayNotebook({ notebook: `notebooks/${file}` });
    expect(report.data.filter((d) => d.status !== 'same')).toEqual([]);
    expect(report.cells.length).toBeGreaterThan(0);
    expect(report.cells.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.ok).toBe(true);
  }, 180_000);
});
