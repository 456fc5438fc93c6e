import type { LoadIssue } from './issues';
import { LoadError } from './issues';
import type { SourceFormat, SourceInfo } from './staging';

/** Lower-case hex SHA-256 of `bytes` (Web Crypto: in the browser and in Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PARQUET = [0x50, 0x41, 0x52, 0x31];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** True when the start of a file looks like binary data rather than text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

/**
 * The format of a file, from its content first (a renamed file is still recognised or refused)
 * and its extension second. Throws a LoadError for what cannot be an extract.
 */
export function detectFormat(name: string, bytes: Uint8Array): SourceFormat {
  const issue = (code: LoadIssue['code'], detail?: Record<string, string>): never => {
    throw new LoadError({ code, severity: 'error', file: name, ...(detail ? { detail } : {}) });
  };
  if (bytes.length === 0) issue('empty-file');
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (startsWith(bytes, PARQUET)) return 'parquet';
  if (startsWith(bytes, ZIP)) return ext === 'xlsx' || ext === 'xlsm' || ext === '' ? 'xlsx' : issue('unsupported-format', { kind: 'zip' });
  if (startsWith(bytes, OLE)) return issue('unsupported-format', { kind: 'xls' });
  if (looksBinary(bytes)) return issue('binary-file');
  if (ext === 'json' || ext === 'ndjson' || ext === 'jsonl') return 'json';
  return 'csv';
}

/** The fingerprint of a file for the data manifest: name, size, SHA-256 and format. */
export async function describeSource(name: string, bytes: Uint8Array, sha256?: string): Promise<SourceInfo> {
  const format = detectFormat(name, bytes);
  return { name, size: bytes.length, sha256: sha256 ?? (await sha256Hex(bytes)), format };
}
