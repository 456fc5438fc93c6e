import { LitElement, html } from 'lit';
import type { Database } from '../../engine/database';
import type { Locale } from '../i18n/locale';
import type { NotebookSession } from '../notebook/notebook-session';
import type { ScreeningSource } from '../screening/screening-source';

/** The Evaluation tab (being built: see issue 5). */
export class EvaluationView extends LitElement {
  static override properties = { session: { attribute: false }, db: { attribute: false }, source: { attribute: false }, locale: {} };
  declare session: NotebookSession | null;
  declare db: Database | null;
  declare source: ScreeningSource | null;
  declare locale: Locale;

  override render() {
    return html``;
  }
}

customElements.define('tb-evaluation', EvaluationView);
