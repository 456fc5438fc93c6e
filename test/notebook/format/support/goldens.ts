import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Golden notebook files and their expected documents. The .md files are written by hand and
 * never touched by tests; `UPDATE_GOLDENS=1 npx vitest run test/notebook/format` rewrites the
 * .json next to each from what the reader makes of it (review the diff before committing).
 */

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');
export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures');
export const UPDATE_GOLDENS = process.env.UPDATE_GOLDENS === '1';

export function goldenNames(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function goldenText(name: string, dir = GOLDEN_DIR): string {
  return readFileSync(join(dir, `${name}.md`), 'utf8');
}

/** The expected value stored as `<name>.json`, written first when UPDATE_GOLDENS=1. */
export function expectedJson(name: string, actual: unknown, dir = GOLDEN_DIR): unknown {
  const path = join(dir, `${name}.json`);
  if (UPDATE_GOLDENS || !existsSync(path)) {
    if (!UPDATE_GOLDENS) throw new Error(`no golden ${path}; run with UPDATE_GOLDENS=1 to create it`);
    writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}
