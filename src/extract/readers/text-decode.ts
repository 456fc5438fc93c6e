import type { LoadIssue } from '../issues';
import { concatBytes } from '../../engine/bytes';

/** The encodings a text extract is read in. DuckDB reads UTF-8 only; the rest is converted here. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'mixed';

export interface Utf8Text {
  /** the file as UTF-8 without a byte-order mark */
  readonly bytes: Uint8Array;
  readonly encoding: TextEncodingName;
  readonly issues: LoadIssue[];
}

const CHUNK = 4 << 20;
const LF = 0x0a;
/** At most this many lines read as GBK are listed one by one; the mixed-encoding summary counts them all. */
const MAX_LISTED_LINES = 1000;

/**
 * What one pass over the bytes says about UTF-8: how many lines are invalid UTF-8 (typical of
 * GBK), how many hold valid multi-byte UTF-8, and the first of each. A GBK byte pair is almost
 * never valid UTF-8, so a file with both kinds of line mixes encodings.
 */
export interface EncodingScan {
  readonly invalidLines: number;
  readonly firstInvalidLine: number;
  readonly utf8Lines: number;
  readonly firstUtf8Line: number;
}

/** Scans bytes line by line for UTF-8 validity (a small state machine; LF never occurs inside GBK). */
export function scanUtf8(bytes: Uint8Array): EncodingScan {
  let line = 1;
  let lineInvalid = false;
  let lineMultibyte = false;
  let invalidLines = 0;
  let firstInvalidLine = 0;
  let utf8Lines = 0;
  let firstUtf8Line = 0;
  const endLine = () => {
    if (lineInvalid) {
      invalidLines++;
      if (!firstInvalidLine) firstInvalidLine = line;
    } else if (lineMultibyte) {
      utf8Lines++;
      if (!firstUtf8Line) firstUtf8Line = line;
    }
    lineInvalid = false;
    lineMultibyte = false;
    line++;
  };
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === LF) endLine();
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0 && i + need < n;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
    }
    if (ok && need === 2) {
      const c = bytes[i + 1]!;
      if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c > 0x9f)) ok = false;
    }
    if (ok && need === 3) {
      const c = bytes[i + 1]!;
      if ((b === 0xf0 && c < 0x90) || (b === 0xf4 && c > 0x8f)) ok = false;
    }
    if (ok) {
      lineMultibyte = true;
      i += need + 1;
    } else {
      lineInvalid = true;
      i++;
    }
  }
  if (n > 0 && bytes[n - 1] !== LF) endLine();
  return { invalidLines, firstInvalidLine, utf8Lines, firstUtf8Line };
}

/** The end of the last whole line within `bytes[start, start + size)`, so chunks split at LF. */
function chunkEnd(bytes: Uint8Array, start: number, size: number): number {
  if (start + size >= bytes.length) return bytes.length;
  const lf = bytes.lastIndexOf(LF, start + size);
  return lf > start ? lf + 1 : start + size;
}

/** Decodes with `label` and re-encodes as UTF-8, chunk by chunk to bound peak memory. */
function transcode(
  bytes: Uint8Array,
  label: string,
  onProgress?: (done: number, total: number) => void,
): Uint8Array {
  const decoder = new TextDecoder(label);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = chunkEnd(bytes, start, CHUNK);
    const part = encoder.encode(decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length }));
    parts.push(part);
    start = end;
    onProgress?.(start, bytes.length);
  }
  return concatBytes(parts);
}

/**
 * Decodes a file that mixes encodings one line at a time, each line in the encoding it is valid
 * in; `gbkLines` receives the (1-based) number of each line decoded as GB18030.
 */
function transcodeMixed(bytes: Uint8Array, gbkLines: number[]): Uint8Array {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const gb = new TextDecoder('gb18030');
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const lf = bytes.indexOf(LF, start);
    const end = lf < 0 ? bytes.length : lf + 1;
    const slice = bytes.subarray(start, end);
    let part: Uint8Array;
    try {
      utf8.decode(slice);
      part = slice;
    } catch {
      part = encoder.encode(gb.decode(slice));
      gbkLines.push(line);
    }
    parts.push(part);
    start = end;
  }
  return concatBytes(parts);
}

/**
 * Turns a text file into UTF-8 for DuckDB: a BOM says the encoding; otherwise strict UTF-8 is
 * tried first, then GB18030 (a superset of GBK), the usual encoding of Chinese bank extracts.
 * A file mixing both is decoded line by line and the mix is reported with its first lines.
 */
export function toUtf8(
  bytes: Uint8Array,
  file: string,
  onProgress?: (done: number, total: number) => void,
): Utf8Text {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { bytes: bytes.subarray(3), encoding: 'utf-8-bom', issues: [] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { bytes: transcode(bytes.subarray(2), 'utf-16le', onProgress), encoding: 'utf-16le', issues: [] };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { bytes: transcode(bytes.subarray(2), 'utf-16be', onProgress), encoding: 'utf-16be', issues: [] };
  }
  const scan = scanUtf8(bytes);
  if (scan.invalidLines === 0) return { bytes, encoding: 'utf-8', issues: [] };
  if (scan.utf8Lines === 0) {
    return {
      bytes: transcode(bytes, 'gb18030', onProgress),
      encoding: 'gb18030',
      issues: [{ code: 'decoded-gb18030', severity: 'info', file }],
    };
  }
  const gbkLines: number[] = [];
  const mixed = transcodeMixed(bytes, gbkLines);
  // each line read as GBK is named: in a UTF-8 file with damaged bytes those lines' Chinese text
  // comes out garbled, and the user must be able to find every one of them (the extract fuzzer
  // found such rows loaded with only the first line named)
  const lineIssues: LoadIssue[] = gbkLines
    .slice(0, MAX_LISTED_LINES)
    .map((row) => ({ code: 'line-decoded-gb18030', severity: 'warning', file, row }));
  return {
    bytes: mixed,
    encoding: 'mixed',
    issues: [
      ...lineIssues,
      {
        code: 'mixed-encoding',
        severity: 'warning',
        file,
        row: scan.firstInvalidLine,
        detail: {
          utf8Lines: scan.utf8Lines,
          gbkLines: scan.invalidLines,
          firstUtf8Line: scan.firstUtf8Line,
          firstGbkLine: scan.firstInvalidLine,
        },
      },
    ],
  };
}
