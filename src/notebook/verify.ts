import type { CellDigest, DataManifestEntry } from './document';

/** How one saved input file compares with what is loaded now. */
export interface DataVerdict {
  readonly table: string;
  readonly file: string;
  readonly status: 'same' | 'differs' | 'missing';
  /** what differs: the SHA-256, the size, the row count (saved → now) */
  readonly differences: readonly string[];
}

/** How one cell's saved result compares with its result now. */
export interface CellVerdict {
  readonly name: string;
  readonly status: 'pass' | 'changed' | 'failed' | 'new';
  /** what changed, in numbers: rows, and each numeric column's sum, min and max (saved → now, difference) */
  readonly differences: readonly string[];
}

const fmt = (n: number) => Number(n.toPrecision(12)).toLocaleString('en-US', { maximumFractionDigits: 6 });

function delta(label: string, saved: number, now: number): string | null {
  if (saved === now) return null;
  const d = now - saved;
  return `${label}: ${fmt(saved)} → ${fmt(now)} (${d > 0 ? '+' : ''}${fmt(d)})`;
}

/** Compares the data manifest with the files loaded now, by table. */
export function compareData(saved: readonly DataManifestEntry[], loaded: readonly DataManifestEntry[]): DataVerdict[] {
  return saved.map((entry) => {
    const now = loaded.find((l) => l.table === entry.table);
    if (!now) return { table: entry.table, file: entry.file, status: 'missing', differences: [`table ${entry.table} is not loaded (expected ${entry.file})`] };
    const differences = [
      now.sha256 !== entry.sha256 ? `SHA-256 ${entry.sha256.slice(0, 12)}… → ${now.sha256.slice(0, 12)}… (${now.file})` : null,
      delta('size', entry.size, now.size),
      delta('rows', entry.rows, now.rows),
    ].filter((d): d is string => d !== null);
    return { table: entry.table, file: entry.file, status: differences.length ? 'differs' : 'same', differences };
  });
}

/**
 * Compares the digests saved in the notebook with those of a replay. A cell passes when its row
 * count and content hash are the same; otherwise the numbers say what moved and by how much.
 */
export function compareDigests(
  saved: Readonly<Record<string, CellDigest>>,
  now: Readonly<Record<string, CellDigest>>,
  failed: Readonly<Record<string, string>>,
): CellVerdict[] {
  const names = [...new Set([...Object.keys(saved), ...Object.keys(now), ...Object.keys(failed)])];
  return names.map((name) => {
    const a = saved[name];
    const b = now[name];
    if (failed[name] !== undefined) return { name, status: 'failed', differences: [failed[name]!] };
    if (!a) return { name, status: 'new', differences: ['no saved digest'] };
    if (!b) return { name, status: 'failed', differences: ['no result'] };
    if (a.rows === b.rows && a.hash === b.hash) return { name, status: 'pass', differences: [] };
    const differences = [delta('rows', a.rows, b.rows)];
    for (const [column, s] of Object.entries(a.columns ?? {})) {
      const n = b.columns?.[column];
      if (!n) {
        differences.push(`${column}: missing now`);
        continue;
      }
      differences.push(delta(`${column} sum`, s.sum, n.sum), delta(`${column} min`, s.min, n.min), delta(`${column} max`, s.max, n.max));
    }
    const listed = differences.filter((d): d is string => d !== null);
    return { name, status: 'changed', differences: listed.length ? listed : ['content differs (same rows and column totals)'] };
  });
}
