import type { MappingMemory, TableMapping } from '../../extract/mapping';

const KEY = 'tierbook.mappings';
const MAX_ENTRIES = 200;

/** Confirmed column mappings kept in localStorage, so the next file with the same header maps itself. */
export class LocalStorageMappingMemory implements MappingMemory {
  private read(): Record<string, TableMapping> {
    try {
      return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, TableMapping>;
    } catch {
      return {};
    }
  }

  recall(signature: string): TableMapping | undefined {
    return this.read()[signature];
  }

  remember(signature: string, mapping: TableMapping): void {
    const entries = this.read();
    delete entries[signature];
    entries[signature] = mapping;
    const keys = Object.keys(entries);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) delete entries[old];
    try {
      localStorage.setItem(KEY, JSON.stringify(entries));
    } catch {
      // storage full or unavailable: the mapping is simply not remembered
    }
  }
}
