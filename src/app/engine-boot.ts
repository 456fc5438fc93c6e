import { startBrowserDatabase } from '../engine/wasm/start-browser';
import type { WasmDatabase } from '../engine/wasm/wasm-database';

/**
 * DuckDB starts before the app's own code has even been fetched: its worker, its 34 MB wasm and
 * that wasm's compilation are the longest part of opening the page, and nothing in them depends on
 * the app. main.ts calls `bootEngine()` first thing and only then imports the app shell, whose
 * store takes this engine with `takeEngine()`.
 */
let early: Promise<WasmDatabase> | null = null;

/** Starts DuckDB now, once. */
export function bootEngine(): void {
  if (early) return;
  early = startBrowserDatabase();
  early.catch(() => undefined); // the store reports a failure when it takes the engine
}

/** The engine started at boot, the first time; a fresh one after that (a restart). */
export function takeEngine(): Promise<WasmDatabase> {
  const engine = early ?? startBrowserDatabase();
  early = null;
  return engine;
}
