/** What the first bytes of a file say about its format, before a parser is trusted with it. */

const SAMPLE = 8192;

/** A NUL byte early on: an executable, image or archive, not text (UTF-16 is recognised by its BOM). */
export function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  return bytes.subarray(0, SAMPLE).includes(0);
}

/** ZIP local-file header: an XLSX is a ZIP archive. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** OLE2 compound file: an old binary .xls, or an encrypted (password-protected) .xlsx. */
export function isOle2(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return magic.every((b, i) => bytes[i] === b);
}

/** `PAR1` at both ends, as every complete Parquet file has. */
export function hasParquetMagic(bytes: Uint8Array): { head: boolean; tail: boolean } {
  const par1 = (at: number) => bytes[at] === 0x50 && bytes[at + 1] === 0x41 && bytes[at + 2] === 0x52 && bytes[at + 3] === 0x31;
  return { head: bytes.length >= 4 && par1(0), tail: bytes.length >= 12 && par1(bytes.length - 4) };
}
