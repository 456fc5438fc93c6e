import { bootEngine } from './app/engine-boot';

// DuckDB's worker and wasm load and compile while the app's code is fetched and parsed.
bootEngine();
void import('./ui/app-shell');
