import type { Database } from '../../../src/engine/database';
import type { MortalEngine } from '../../../src/engine/engine-death';
import { NativeDatabase } from '../../../src/engine/native/native-database';

/**
 * A native DuckDB that can die like DuckDB-WASM's worker does, for the recovery tests:
 * - `vanish()`: every call from then on waits forever (a worker that closed answers nothing);
 *   `died` resolves only when `confirm()` is called (what the watchdog would do);
 * - `trapNext()`: the next call rejects with a WebAssembly `RuntimeError`, as after an abort.
 */
export interface KillableEngine extends MortalEngine<Database> {
  readonly native: NativeDatabase;
  vanish(): void;
  confirm(reason?: string): void;
  trapNext(): void;
  readonly disposed: boolean;
}

export async function killableNative(): Promise<KillableEngine> {
  const native = await NativeDatabase.open({ threads: 1 });
  let gone = false;
  let trap = false;
  let disposed = false;
  let confirm: (reason: string) => void = () => undefined;
  const died = new Promise<string>((resolve) => (confirm = resolve));
  const db = new Proxy(native, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (gone) return new Promise(() => undefined);
        if (trap) {
          trap = false;
          gone = true;
          const error = new Error('unreachable executed');
          error.name = 'RuntimeError';
          return Promise.reject(error);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Database;
  return {
    db,
    native,
    died,
    vanish: () => (gone = true),
    confirm: (reason = 'the worker stopped answering') => confirm(reason),
    trapNext: () => (trap = true),
    dispose: () => {
      disposed = true;
      void native.close().catch(() => undefined);
    },
    get disposed() {
      return disposed;
    },
  };
}
