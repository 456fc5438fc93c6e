import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CellInjection, ColumnInjection, RowInjection } from '../../src/demo/messy/report';

/** The report's header: what was generated, and how rows are numbered. */
export interface ReportMeta {
  seed: number;
  customers: number;
  asOf: string;
  format: string;
  headers: 'zh' | 'en';
}

/**
 * Writes messy-report.json as injections arrive: cells are streamed (there can be millions),
 * added rows and whole-column changes are few and written at the end.
 * Shape: { meta, rowNumbering, columns: ColumnInjection[], rows: RowInjection[], cells: CellInjection[] }.
 */
export class ReportWriter {
  private readonly out: WriteStream;
  private readonly rows: RowInjection[] = [];
  private cellCount = 0;

  constructor(path: string, meta: ReportMeta) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    const rowNumbering = 'row = 1-based data row of the file, header not counted: CSV line row + 1, Excel row row + 1';
    this.out.write(`{"meta":${JSON.stringify(meta)},\n"rowNumbering":${JSON.stringify(rowNumbering)},\n"cells":[`);
  }

  async add(cells: readonly CellInjection[], rows: readonly RowInjection[]): Promise<void> {
    this.rows.push(...rows);
    if (cells.length === 0) return;
    const text = cells.map((c, i) => `${this.cellCount + i === 0 ? '\n' : ',\n'}${JSON.stringify(c)}`).join('');
    this.cellCount += cells.length;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async finish(columns: readonly ColumnInjection[]): Promise<{ cells: number; rows: number; columns: number }> {
    const rows = this.rows.map((r) => JSON.stringify(r)).join(',\n');
    const cols = columns.map((c) => JSON.stringify(c)).join(',\n');
    this.out.end(`\n],\n"rows":[\n${rows}\n],\n"columns":[\n${cols}\n]}\n`);
    await once(this.out, 'finish');
    return { cells: this.cellCount, rows: this.rows.length, columns: columns.length };
  }
}
