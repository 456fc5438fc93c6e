import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/engine/database';
import { cellId } from '../../../src/notebook/document';
import { startNodeWasmDatabase } from '../../support/wasm-node';
import { testSession } from '../../support/notebook-session';

let db: Database;
beforeAll(async () => {
  db = await startNodeWasmDatabase();
});
afterAll(async () => db?.close());

const notebook = (first: string) => `---
tierbook: 1
title: rename
---

\`\`\`sql cell=source name=${first}
SELECT * FROM range(3) t(v)
\`\`\`

\`\`\`sql cell=reader name=reader
SELECT count(*) AS n FROM fresh
\`\`\`
`;

async function cellTables(): Promise<string[]> {
  const found = await db.query("SELECT table_name AS t FROM duckdb_tables() WHERE database_name = 'temp' ORDER BY t");
  return Array.from({ length: found.numRows }, (_v, i) => String(found.getChild('t')!.get(i)));
}

const source = cellId('source');
const reader = cellId('reader');

describe('renaming a cell in a notebook session (the UI’s cell-rename action)', () => {
  it('runs the cell under its new name, drops the old table, and runs what reads the new name', async () => {
    const s = testSession(db, []);
    await s.open(notebook('old_name'), { origin: 'bundled' });
    await s.runtime.idle();
    expect(s.runtime.state(reader)?.error?.message).toMatch(/fresh does not exist/);
    s.renameCell(source, 'fresh');
    await s.runtime.idle();
    expect(s.runtime.state(source)).toMatchObject({ status: 'done', display: { kind: 'relation', table: 'fresh', rows: 3 } });
    expect(s.runtime.state(reader)).toMatchObject({ status: 'done', display: { rows: 1 } });
    expect(await cellTables()).toEqual(['fresh', 'reader']);
    s.runtime.clear();
  });

  it('renames a cell with unrun edits at once, running its last-run text under the new name and keeping the edit a draft', async () => {
    const s = testSession(db, []);
    await s.open(notebook('old_name'), { origin: 'bundled' });
    await s.runtime.idle();
    s.editCell(source, 'SELECT * FROM range(5) t(v)');
    s.renameCell(source, 'fresh');
    await s.runtime.idle();
    expect(s.runtime.compiled(source)?.name).toBe('fresh');
    expect(s.runtime.state(source)).toMatchObject({ status: 'done', display: { table: 'fresh', rows: 3 } });
    expect(s.runtime.state(reader)).toMatchObject({ status: 'done' });
    expect(await cellTables()).toEqual(['fresh', 'reader']);
    expect(s.isDraft(source)).toBe(true);
    await s.runCell(source);
    await s.runtime.idle();
    expect(s.runtime.state(source)).toMatchObject({ status: 'done', display: { table: 'fresh', rows: 5 } });
    expect(s.isDraft(source)).toBe(false);
    s.runtime.clear();
  });
});
