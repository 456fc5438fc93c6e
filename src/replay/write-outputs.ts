import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { quoteIdent, quoteLiteral } from '../engine/database';
import type { NativeDatabase } from '../engine/native/native-database';
import { registeredFileName } from '../engine/session-settings';
import { isNamed, type Cell } from '../notebook/document';
import type { NotebookRuntime } from '../runtime/runtime';
import { cellTableSql } from '../runtime/sql/sql-cell';

/** Where the scratch copy of a TypeScript cell's table goes before it is written out. */
const SCRATCH = '__replay_out';

/**
 * Writes table `from` to `file` with DuckDB's COPY: DuckDB writes
 * into its own folder, the only one its sandbox lets it write to, and the file is copied out.
 */
async function copyOut(db: NativeDatabase, from: string, file: string): Promise<void> {
  const scratch = registeredFileName(`${SCRATCH}.csv`);
  await db.exec(`COPY (SELECT * FROM ${from}) TO ${quoteLiteral(db.filePath(scratch))} (HEADER, DELIMITER ',')`);
  try {
    await copyFile(db.filePath(scratch), file);
  } finally {
    await db.dropFile(scratch);
  }
}

/**
 * Writes each table-valued cell's result as `<dir>/<cell>.csv`: plain UTF-8 (no BOM), comma
 * separated, with a header, written by DuckDB's own COPY so numbers and dates are written as
 * DuckDB prints them. SQL cells are copied from their temporary table; a TypeScript cell that
 * returned a table is inserted from its Arrow result first. Returns the files written.
 */
export async function writeCellTables(db: NativeDatabase, runtime: NotebookRuntime, cells: readonly Cell[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const cell of cells) {
    if (!isNamed(cell)) continue;
    const display = runtime.state(cell.id)?.display;
    if (runtime.state(cell.id)?.status !== 'done' || !display) continue;
    const file = resolve(join(dir, `${cell.name}.csv`));
    if (display.kind === 'relation') {
      await copyOut(db, cellTableSql(cell.name), file);
    } else if (display.kind === 'table') {
      await db.insertArrow(SCRATCH, display.ipc);
      try {
        await copyOut(db, quoteIdent(SCRATCH), file);
      } finally {
        await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(SCRATCH)}`);
      }
    } else {
      continue;
    }
    written.push(file);
  }
  return written;
}

/** Writes `report.json` (two-space indented, UTF-8) into `dir`. */
export async function writeReportJson(dir: string, report: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = resolve(join(dir, 'report.json'));
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}
