import type { NotebookStore, NotebookSummary } from '../../notebook/storage';

/** The notebooks shipped in notebooks/ (bundled as text at build time), by file name. */
const BUNDLED: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob('../../../notebooks/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>).map(([path, text]) => [
    path.replace(/^.*\//, ''),
    text,
  ]),
);

/** The name of the notebook that opens on first start. */
export const DEMO_NOTEBOOK = 'demo.md';

/** Names of the bundled notebooks. */
export function bundledNotebooks(): string[] {
  return Object.keys(BUNDLED).sort((a, b) => (a === DEMO_NOTEBOOK ? -1 : b === DEMO_NOTEBOOK ? 1 : a.localeCompare(b)));
}

/** A bundled notebook's text. */
export function bundledNotebook(name: string): string | undefined {
  return BUNDLED[name];
}

/** What the notebooks menu lists: the bundled ones and those saved in this browser. */
export interface NotebookLibrary {
  readonly bundled: readonly string[];
  readonly stored: readonly NotebookSummary[];
}

export async function readLibrary(store: NotebookStore | null): Promise<NotebookLibrary> {
  return { bundled: bundledNotebooks(), stored: store ? await store.list() : [] };
}
