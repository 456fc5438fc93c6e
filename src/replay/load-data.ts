import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from '../engine/database';
import { completeLoad, discardStaged, stageFile } from '../extract/load-file';
import { useNodeParquet } from '../extract/readers/parquet-init-node';
import type { QualityReport } from '../extract/report';
import { sha256Hex } from '../extract/source';
import type { LocatedFile } from './data-files';
import { mappingFromManifest, policyOf, readRequestOf } from './manifest-mapping';

/** One manifest file after loading: its quality report, or why it could not be loaded. */
export interface LoadedFile {
  readonly table: string;
  readonly path: string | null;
  readonly report: QualityReport | null;
  /** what stopped or spoiled the load: not found, unreadable, columns not as the manifest says */
  readonly problems: readonly string[];
}

/**
 * Loads every located file as the table its manifest entry names, through the app's own readers,
 * cleaning and checks, with the reading options, column mapping and invalid-row policy the
 * manifest recorded. The file keeps its own name (so the SHA-256 and size are of the file
 * given), and a file byte-identical to the bundled demo's is loaded as the app loads the demo.
 */
export async function loadManifestFiles(db: Database, files: readonly LocatedFile[], demoHashes: ReadonlyMap<string, string>): Promise<LoadedFile[]> {
  useNodeParquet();
  const loaded: LoadedFile[] = [];
  for (const { entry, path, tried } of files) {
    if (!path) {
      loaded.push({ table: entry.table, path, report: null, problems: [`${entry.file} not found (looked in ${tried.join(', ')})`] });
      continue;
    }
    try {
      const bytes = new Uint8Array(await readFile(path));
      const sha256 = await sha256Hex(bytes);
      const trusted = demoHashes.get(entry.file) === sha256;
      const staged = await stageFile(db, basename(path), bytes, { request: readRequestOf(entry), takenNames: new Set(), sha256, trusted });
      const { mapping, problems } = mappingFromManifest(entry, staged.staged.columns);
      if (problems.length > 0 && mapping.columns.every((c) => c.confidence === 'none')) {
        await discardStaged(db, staged.staged);
        loaded.push({ table: entry.table, path, report: null, problems });
        continue;
      }
      const report = await completeLoad(db, staged, mapping, { policy: policyOf(entry), trusted });
      loaded.push({ table: entry.table, path, report, problems });
    } catch (error) {
      loaded.push({ table: entry.table, path, report: null, problems: [`${basename(path)}: ${error instanceof Error ? error.message : String(error)}`] });
    }
  }
  return loaded;
}
