import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { CellInjection, ColumnInjection, RowInjection } from '../../src/demo/messy/report';

/** The report's header: what was generated, and how rows are numbered. */
export interface ReportMeta {
  seed: number;
  customers: number;
  asOf: string;
  format: string;
  headers: 'zh' | 'en';
}

const ROW_NUMBERING = 'row = 1-based data row of the file, header not counted: CSV line row + 1, Excel row row + 1';

/**
 * Writes messy-report.json: { meta, rowNumbering, columns, rows, cells }. Cells can number
 * millions, so each table's cells go to a temporary file as batches arrive and are joined at
 * the end in table order, row by row: the report is the same whatever the batch size.
 */
export class ReportWriter {
  private readonly parts = new Map<string, { path: string; out: WriteStream; count: number }>();
  private readonly rows: RowInjection[] = [];

  constructor(
    private readonly path: string,
    private readonly meta: ReportMeta,
    private readonly tableOrder: readonly string[],
  ) {}

  async add(cells: readonly CellInjection[], rows: readonly RowInjection[]): Promise<void> {
    this.rows.push(...rows);
    const byTable = new Map<string, string[]>();
    for (const cell of cells) {
      let lines = byTable.get(cell.table);
      if (!lines) byTable.set(cell.table, (lines = []));
      lines.push(JSON.stringify(cell));
    }
    for (const [table, lines] of byTable) {
      let part = this.parts.get(table);
      if (!part) {
        const path = join(dirname(this.path), `.messy-cells-${table}.tmp`);
        this.parts.set(table, (part = { path, out: createWriteStream(path, { encoding: 'utf8' }), count: 0 }));
      }
      const text = lines.map((line, i) => `${part!.count + i === 0 ? '' : ',\n'}${line}`).join('');
      part.count += lines.length;
      if (!part.out.write(text)) await once(part.out, 'drain');
    }
  }

  async finish(columns: readonly ColumnInjection[]): Promise<{ cells: number; rows: number; columns: number }> {
    const rowOrder = (r: RowInjection) => [this.tableOrder.indexOf(r.table), r.row] as const;
    const rows = [...this.rows].sort((a, b) => rowOrder(a)[0] - rowOrder(b)[0] || a.row - b.row);
    const out = createWriteStream(this.path, { encoding: 'utf8' });
    out.write(`{"meta":${JSON.stringify(this.meta)},\n"rowNumbering":${JSON.stringify(ROW_NUMBERING)},\n`);
    out.write(`"columns":[\n${columns.map((c) => JSON.stringify(c)).join(',\n')}\n],\n`);
    out.write(`"rows":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n],\n"cells":[\n`);
    let cells = 0;
    let first = true;
    for (const table of this.tableOrder) {
      const part = this.parts.get(table);
      if (!part) continue;
      part.out.end();
      await once(part.out, 'finish');
      if (!first) out.write(',\n');
      first = false;
      for await (const chunk of createReadStream(part.path)) if (!out.write(chunk)) await once(out, 'drain');
      await rm(part.path);
      cells += part.count;
    }
    out.end('\n]}\n');
    await once(out, 'finish');
    return { cells, rows: rows.length, columns: columns.length };
  }
}
