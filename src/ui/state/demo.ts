/** One file of the bundled demo extract, as listed in public/demo/manifest.json. */
export interface DemoFile {
  readonly file: string;
  readonly table: string;
  readonly rows?: number;
  readonly sha256?: string;
}

export interface DemoManifest {
  readonly customers?: number;
  readonly files: readonly DemoFile[];
}

/** Where the demo lives, relative to the page (the app works from any static folder). */
export const DEMO_BASE = './demo/';

/**
 * Fetches a file of the app's own static files. Checks the status and type so a missing file is
 * an error, not an HTML page read as data (STACK.md pitfall 6).
 */
export async function fetchOwnFile(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await fetch(new URL(path, document.baseURI), signal ? { signal } : {});
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  if ((response.headers.get('content-type') ?? '').includes('text/html')) throw new Error(`${path}: got an HTML page instead of data`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The demo manifest. */
export async function fetchDemoManifest(signal?: AbortSignal): Promise<DemoManifest> {
  const bytes = await fetchOwnFile(`${DEMO_BASE}manifest.json`, signal);
  return JSON.parse(new TextDecoder().decode(bytes)) as DemoManifest;
}
