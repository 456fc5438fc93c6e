import { quoteLiteral } from './database';

/**
 * Registered files live under this folder name in both engines; in the browser it is the only
 * place SQL may read from.
 */
export const FILES_DIR = 'files/';

/** The name a registered file is read under: `files/<name>`. */
export function registeredFileName(name: string): string {
  return FILES_DIR + name.replace(/^\/+/, '');
}

/** Extension autoloading off: a query needing an extension fails at once instead of fetching it (STACK.md). */
const NO_AUTOLOAD = ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];

/**
 * The browser sandbox, applied before any user SQL: no extension autoloading, no file access but
 * to registered files under `files/`, no extension loading, and the configuration locked so that
 * SQL cannot undo it. `read_csv('http://...')`, `LOAD httpfs` and `ATTACH` fail with a Permission
 * Error: the app makes no request to any other host.
 */
export const WASM_SESSION_SQL = [
  ...NO_AUTOLOAD,
  `SET allowed_directories = [${quoteLiteral(FILES_DIR)}]`,
  'SET enable_external_access = false',
  'SET lock_configuration = true',
].join(';\n');

/**
 * Native DuckDB under Node (tests, headless replay): no extension autoloading and no HTTP file
 * system; relative file names resolve against `fileDir`, where registered files are written.
 */
export function nativeSessionSql(fileDir: string): string {
  return [
    ...NO_AUTOLOAD,
    "SET disabled_filesystems = 'HTTPFileSystem'",
    `SET file_search_path = ${quoteLiteral(fileDir)}`,
  ].join(';\n');
}
