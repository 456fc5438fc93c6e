import { relative } from 'node:path';
import type { CellVerdict } from '../notebook/verify';
import type { ReplayReport } from './replay';

/** The status words printed per cell: the app's, with a failed cell called an error. */
const CELL_WORD: Record<CellVerdict['status'], string> = { pass: 'pass', changed: 'CHANGED', failed: 'ERROR', new: 'new' };
const DATA_WORD = { same: 'match', differs: 'DIFFERS', missing: 'MISSING' } as const;

/** Left-aligned columns, widths from the longest entry, for a terminal. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_c, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ').trimEnd());
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The replay report as text: the data files (match, or what differs), each cell with its status
 * and the numbers that changed (saved → now, with the difference, as the app's report words
 * them), the timing, and a last line saying whether the notebook reproduces.
 */
export function formatReport(report: ReplayReport): string {
  const lines: string[] = [];
  lines.push(`Replay of ${report.notebook} on native DuckDB ${report.environment.duckdb} (Node ${report.environment.node}, Tierbook ${report.environment.app})`, '');
  lines.push('Data');
  lines.push(...columns([['  table', 'file', 'status', 'what differs'], ...report.data.map((d) => [`  ${d.table}`, d.path ? relative(process.cwd(), d.path) || d.path : d.file, DATA_WORD[d.status], d.differences.join('; ')])]));
  lines.push('', 'Cells');
  const cellRows = report.cells.flatMap((c) => {
    const [first = '', ...rest] = c.differences;
    return [[`  ${c.name}`, CELL_WORD[c.status], first], ...rest.map((d) => ['', '', d])];
  });
  lines.push(...columns([['  cell', 'status', 'what changed (saved → now, difference)'], ...cellRows]));
  const m = report.metrics;
  lines.push('', `Time: load ${seconds(m.loadMs)}, run and digest ${seconds(m.runMs)}, total ${seconds(report.ms)}; peak RSS ${m.peakRssMb} MB`);
  if (report.outputs.length > 0) lines.push(`Wrote ${report.outputs.length} CSV files and report.json`);
  const badData = report.data.filter((d) => d.status !== 'same');
  const badCells = report.cells.filter((c) => c.status !== 'pass');
  lines.push(
    report.ok
      ? `REPRODUCED: ${report.data.length} files match the manifest, ${report.cells.length} cells pass`
      : `NOT REPRODUCED: ${badData.length} of ${report.data.length} files differ${badData.length ? ` (${badData.map((d) => d.file).join(', ')})` : ''}, ${badCells.length} of ${report.cells.length} cells do not pass${badCells.length ? ` (${badCells.map((c) => c.name).join(', ')})` : ''}`,
  );
  return lines.join('\n');
}
