/** The demo notebook's indicator matrix, read from this checkout (Node only; see ../matrix-sql.ts). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_NOTEBOOK, matrixCells, type MatrixCells } from '../matrix-sql';

/** The repository root, so the notebook is found from any working directory. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function demoMatrixCells(): MatrixCells {
  return matrixCells(readFileSync(ROOT + DEMO_NOTEBOOK, 'utf8'));
}
