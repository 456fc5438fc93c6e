import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { isNamed } from '../../src/notebook/document';
import { readNotebook } from '../../src/notebook/format';
import { compareData, compareDigests } from '../../src/notebook/verify';
import { manifestEntry } from '../../src/notebook/manifest';
import type { QualityReport } from '../../src/extract/report';
import { useDemoDatabase } from '../support/demo-extract';
import { nodeRuntime, runNotebook } from '../support/run-notebook';

/** Every notebook in notebooks/ runs on the demo extract without an error and reproduces its saved digests. */
const NOTEBOOKS = readdirSync('notebooks').filter((f) => f.endsWith('.md'));

let db: Database;
let reports: QualityReport[];
useDemoDatabase((loaded) => ({ db, reports } = loaded));

describe.each(NOTEBOOKS)('the bundled notebook %s', (file) => {
  it('reads without problems, runs every cell, and reproduces every saved digest and the data manifest', async () => {
    const { document, problems } = readNotebook(readFileSync(`notebooks/${file}`, 'utf8'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const runtime = nodeRuntime(db, new Set(reports.map((r) => r.table)));
    await runNotebook(runtime, document);
    const failed = document.cells.filter((c) => runtime.state(c.id)?.status !== 'done').map((c) => `${isNamed(c) ? c.name : c.id}: ${runtime.state(c.id)?.error?.message}`);
    expect(failed).toEqual([]);
    expect(Object.keys(document.digests).length).toBeGreaterThan(0);
    const verdicts = compareDigests(document.digests, await runtime.digests(), {});
    expect(verdicts.filter((v) => v.status !== 'pass')).toEqual([]);
    expect(compareData(document.data, reports.map(manifestEntry)).filter((d) => d.status !== 'same')).toEqual([]);
  }, 120_000);
});
