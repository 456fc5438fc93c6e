/**
 * DuckDB's error text as a person reads it. Most errors arrive as "Catalog Error: …", but some
 * (a parser error in DuckDB-WASM, for one) arrive as DuckDB's JSON error object,
 * `{"exception_type":"Parser","exception_message":"syntax error at or near \"INSTALL\"",…}`:
 * that is turned into "Parser Error: syntax error at or near "INSTALL"". Anything else is kept.
 */
export function duckdbErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null) return text;
  const { exception_type: type, exception_message: message } = parsed as Record<string, unknown>;
  if (typeof message !== 'string') return text;
  return typeof type === 'string' && type !== '' ? `${type} Error: ${message}` : message;
}
