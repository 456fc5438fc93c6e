/**
 * Whether every entry of a ZIP container (an XLSX workbook) matches the CRC-32 its directory
 * records. ExcelJS unzips without checking, so one damaged byte in a compressed sheet could load
 * different values without a word; JSZip's `checkCRC32` inflates each entry and compares. JSZip is
 * the unzipper ExcelJS itself uses, loaded only when a workbook is read.
 */
export async function zipDamage(bytes: Uint8Array): Promise<string | undefined> {
  const module = await import('jszip');
  const JSZip = module.default ?? module;
  try {
    await JSZip.loadAsync(bytes, { checkCRC32: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
