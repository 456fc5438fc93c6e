/**
 * The Content-Security-Policy: the page, its workers and its WebAssembly may load and connect to
 * the app's own origin only. Sent as an HTTP header by the dev and preview servers (a header also
 * covers workers); index.html carries the same policy in a <meta> tag for static hosts.
 * 'wasm-unsafe-eval' lets DuckDB-WASM compile; styles may be inline because Lit and Plot set them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
