import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataManifestEntry } from '../notebook/document';

/** Where the bundled demo extract lives, relative to the repository root. */
export const DEMO_DIR = 'public/demo';

/** The repository this file belongs to, so public/demo/ is found from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A manifest entry and the file on disk that stands for it now (null: found nowhere). */
export interface LocatedFile {
  readonly entry: DataManifestEntry;
  readonly path: string | null;
  /** the places looked in, for the message when the file is found nowhere */
  readonly tried: readonly string[];
}

/**
 * Finds each manifest file: a `--data table=file` override first, then the notebook's own
 * directory (a reviewer keeps the extract beside the notebook), then public/demo/ (the bundled
 * notebooks read the bundled demo extract).
 */
export function locateFiles(entries: readonly DataManifestEntry[], notebookPath: string, overrides: Readonly<Record<string, string>>, root = REPO_ROOT): LocatedFile[] {
  return entries.map((entry) => {
    const override = overrides[entry.table];
    const tried = override !== undefined ? [resolve(override)] : [join(dirname(resolve(notebookPath)), entry.file), resolve(root, DEMO_DIR, entry.file)];
    return { entry, path: tried.find((p) => existsSync(p)) ?? null, tried };
  });
}

/**
 * The SHA-256 the bundled demo manifest gives each file name. A file with that exact content is
 * the bundled demo and is loaded the way the app loads it (trusted: typed values kept, checks
 * skipped, since the generator's tests check that data); anything else goes through every check.
 */
export async function bundledDemoHashes(root = REPO_ROOT): Promise<ReadonlyMap<string, string>> {
  try {
    const manifest = JSON.parse(await readFile(resolve(root, DEMO_DIR, 'manifest.json'), 'utf8')) as { files: { file: string; sha256: string }[] };
    return new Map(manifest.files.map((f) => [f.file, f.sha256]));
  } catch {
    return new Map();
  }
}
