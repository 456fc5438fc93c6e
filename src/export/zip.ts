/**
 * A ZIP of exported files (fflate: small, synchronous, sets the UTF-8 flag for Chinese names so
 * current unzippers, Windows Explorer included, show them right). fflate writes no ZIP64, so a ZIP
 * past 65,535 entries or 4 GiB would be silently corrupt; such a ZIP is refused instead. Imported on
 * first use, like ExcelJS, so only users who split a list load it.
 */

import type { Zippable } from 'fflate';
import type { ExportResult } from './columns.ts';

export interface ZipEntry {
  /** the name in the ZIP, safe and unique (see `names.ts`) */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** deflate text (CSV shrinks to a fraction); store what is compressed already (XLSX is a ZIP) */
  readonly compress: boolean;
}

const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

/** The entries as one ZIP, or a 'too-large-for-zip' issue. */
export async function zipFiles(entries: readonly ZipEntry[]): Promise<ExportResult> {
  // headers hold each name twice (≤ 3 UTF-8 bytes a unit) plus ~100 bytes; data is counted
  // uncompressed plus deflate's worst case (5 bytes a 16 KiB stored block), as compressed size is
  // not known before compressing
  const estimate = entries.reduce((n, e) => n + e.bytes.length + 5 * Math.ceil(e.bytes.length / 16_384) + 6 * e.name.length + 128, 22);
  if (entries.length > MAX_ENTRIES || estimate > MAX_BYTES) {
    return { ok: false, issues: [{ code: 'too-large-for-zip', detail: { files: entries.length, bytes: estimate } }], total: 1 };
  }
  // no prototype: a manager named "__proto__" is a file name like any other
  const files = Object.create(null) as Zippable;
  const { zipSync } = await import('fflate');
  for (const e of entries) {
    if (Object.hasOwn(files, e.name)) throw new Error(`duplicate name in ZIP: ${e.name}`);
    files[e.name] = [e.bytes, { level: e.compress ? 6 : 0 }];
  }
  return { ok: true, bytes: zipSync(files) };
}
