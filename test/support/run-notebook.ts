import type { NotebookDocument } from '../../src/notebook/document';
import type { NotebookRuntime } from '../../src/runtime/runtime';

/** The app's runtime in Node with the in-process sandbox (one implementation, shared with `npm run replay`). */
export { nodeRuntime } from '../../src/replay/node-runtime';

/** Runs every cell of a document and waits until nothing is running. */
export async function runNotebook(runtime: NotebookRuntime, document: NotebookDocument): Promise<void> {
  runtime.setCells(document.cells);
  await runtime.idle();
}
