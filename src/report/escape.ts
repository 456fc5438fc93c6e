/**
 * Escaping for the model report. Everything the report shows that came from data or the notebook
 * (company names, cell text, file names, parameter names) is text, never markup: it goes through
 * `escapeHtml` on its way in, so `<script>` in a customer's name prints as `<script>`.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text, safe in element content and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
