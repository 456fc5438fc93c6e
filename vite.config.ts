import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/app/csp.ts';

/**
 * DuckDB-WASM's worker points at a source map outside the package; the dev server warns about it
 * ~100 times (STACK.md). Strip the comment when serving; builds are unaffected.
 */
function stripDuckdbSourceMaps(): Plugin {
  return {
    name: 'tierbook:strip-duckdb-sourcemaps',
    apply: 'serve',
    load(id) {
      const path = id.split('?')[0]!;
      if (!/@duckdb[\\/]duckdb-wasm[\\/]dist[\\/].*\.js$/.test(path)) return null;
      return { code: readFileSync(path, 'utf8').replace(/\/\/# sourceMappingURL=\S+/g, ''), map: null };
    },
  };
}

const headers = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  // 'mpa': a missing file is a 404, never index.html served as data (STACK.md pitfall 6).
  appType: 'mpa',
  base: './',
  plugins: [stripDuckdbSourceMaps()],
  server: { headers, port: 5173 },
  preview: { headers, port: 4173 },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2048,
  },
  optimizeDeps: {
    exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'],
  },
  worker: { format: 'es' },
});
