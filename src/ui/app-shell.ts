import { LitElement, html } from 'lit';
import { startBrowserDatabase } from '../engine/wasm/start-browser';

/** Placeholder shell: starts DuckDB and shows its version. Replaced by the real shell. */
export class AppShell extends LitElement {
  static override properties = { status: { state: true } };
  declare status: string;

  constructor() {
    super();
    this.status = 'starting';
  }

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    const db = await startBrowserDatabase();
    this.status = `DuckDB ${await db.version()}`;
    document.documentElement.dataset['state'] = 'ready';
  }

  override render() {
    return html`<h1>Tierbook</h1><p data-testid="status">${this.status}</p>`;
  }
}
customElements.define('tb-app', AppShell);
