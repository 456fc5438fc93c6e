import type { Database } from '../../engine/database';
import { isEngineDeath } from '../../engine/engine-death';
import { completeLoad, stageFile, type ReadRequest } from '../../extract/load-file';
import type { InvalidRowPolicy, TableMapping } from '../../extract/mapping';
import type { QualityReport } from '../../extract/report';
import { sha256Hex } from '../../extract/source';

/**
 * How a loaded table was made, kept so that it can be made again in a new engine after the old
 * one died: where the file's bytes come from, and every choice the user made on the way (how the
 * file is read, the mapping with the table's name, what happens to invalid rows).
 */
export interface LoadRecipe {
  readonly table: string;
  readonly fileName: string;
  /**
   * Fresh bytes of the file each time: loading hands the bytes to DuckDB's worker (which takes
   * ownership), so the user's File is read again, or a bundled file fetched again.
   */
  readonly read: () => Promise<Uint8Array>;
  /** the SHA-256 recorded at the first load: a file that changed since is not loaded silently */
  readonly sha256?: string;
  readonly request: ReadRequest;
  readonly mapping: TableMapping;
  readonly policy: InvalidRowPolicy;
  /** the bundled demo: typed values kept as they are (see completeLoad) */
  readonly trusted: boolean;
}

/** A table that could not be made again, and why. */
export interface ReplayFailure {
  readonly table: string;
  readonly fileName: string;
  readonly message: string;
}

/** The recipes of the tables loaded now, in load order; a reload or a drop replaces or removes one. */
export class LoadRecipes {
  private readonly byTable = new Map<string, LoadRecipe>();

  record(recipe: LoadRecipe): void {
    this.byTable.delete(recipe.table); // a table loaded again moves to the end: later loads win
    this.byTable.set(recipe.table, recipe);
  }

  forget(table: string): void {
    this.byTable.delete(table);
  }

  list(): LoadRecipe[] {
    return [...this.byTable.values()];
  }
}

/**
 * Loads every recipe's file into `db` again, in order, with the same choices. A file that cannot
 * be read or differs from what was loaded is listed as a failure and the rest goes on; the engine
 * dying on the way stops the replay (the caller starts another engine and replays again).
 */
export async function replayLoads(db: Database, recipes: readonly LoadRecipe[]): Promise<{ reports: QualityReport[]; failures: ReplayFailure[] }> {
  const reports: QualityReport[] = [];
  const failures: ReplayFailure[] = [];
  for (const recipe of recipes) {
    try {
      const bytes = await recipe.read();
      if (recipe.sha256 && (await sha256Hex(bytes)) !== recipe.sha256) throw new Error(`${recipe.fileName} changed since it was loaded`);
      const sha = recipe.sha256 ? { sha256: recipe.sha256 } : {};
      const staged = await stageFile(db, recipe.fileName, bytes, { request: recipe.request, takenNames: new Set(), trusted: recipe.trusted, ...sha });
      reports.push(await completeLoad(db, staged, recipe.mapping, { policy: recipe.policy, trusted: recipe.trusted }));
    } catch (error) {
      if (isEngineDeath(error)) throw error;
      failures.push({ table: recipe.table, fileName: recipe.fileName, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { reports, failures };
}
