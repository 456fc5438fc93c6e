import { quoteLiteral } from './database';

/**
 * Registered files live under this folder name in both engines; in the browser it is the only
 * place SQL may read from. SQL reads a registered file under the path `registerFile` returns.
 */
export const FILES_DIR = 'files/';

/** The name to register a file under: `files/<name>`. */
export function registeredFileName(name: string): string {
  return FILES_DIR + name.replace(/^\/+/, '');
}

/** Extension autoloading off: a query needing an extension fails at once instead of fetching it (STACK.md). */
const NO_AUTOLOAD = ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];

/**
 * The sandbox, applied before any user SQL: no extension autoloading, no file access but under
 * `directory` (the registered files), no extension installing or loading, and the configuration
 * locked so that SQL cannot undo it. `read_csv('http://...')`, `INSTALL`, `LOAD`, `ATTACH` of a
 * file and `COPY … TO` outside `directory` fail with a Permission Error: SQL makes no request to
 * any other host. The browser passes `files/`; native DuckDB its own folder's absolute path, since
 * a relative name there would resolve against the process's working directory.
 */
export function sandboxSql(directory: string, spillDirectory?: string): string {
  return [
    ...NO_AUTOLOAD,
    // where a query that outgrows memory spills (native only; DuckDB-WASM has no disk): inside
    // the sandbox's own folder rather than `.tmp` in the working directory
    ...(spillDirectory ? [`SET temp_directory = ${quoteLiteral(spillDirectory)}`] : []),
    `SET allowed_directories = [${quoteLiteral(directory)}]`,
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ].join(';\n');
}

/** DuckDB-WASM's session: the sandbox over registered files. */
export const WASM_SESSION_SQL = sandboxSql(FILES_DIR);

/**
 * Native DuckDB for trusted code that reads and writes its own files (scripts, benchmarks, tests
 * of generated extracts): no extension autoloading and no HTTP file system; relative file names
 * resolve against `fileDir`, where registered files are written. Not a sandbox: notebook SQL
 * runs under `sandboxSql` (NativeDatabaseOptions.sandbox).
 */
export function nativeHostSql(fileDir: string): string {
  return [
    ...NO_AUTOLOAD,
    "SET disabled_filesystems = 'HTTPFileSystem'",
    `SET file_search_path = ${quoteLiteral(fileDir)}`,
  ].join(';\n');
}
