import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeDatabase } from '../../src/engine/native/native-database';
import { stageFile } from '../../src/extract/load-file';
import { openReplayDatabase } from '../../src/replay/replay';

/**
 * `npm run replay` runs SQL from a notebook someone else may have written: its native DuckDB is
 * locked as the browser's is. Every attempt below is refused with DuckDB's own error, a local
 * server stands in for the extension host and for any address SQL names (it must see no
 * connection), and files written outside DuckDB's own folder must not appear.
 */

const PERMISSION = /^Permission Error: Cannot access (file|directory) ".*" - file system operations are disabled by configuration/;
const NO_LOADING = /^Permission Error: Loading external extensions is disabled through configuration/;
const LOCKED = /^Invalid Input Error: Cannot change configuration option ".*" - the configuration has been locked/;

let db: NativeDatabase;
let server: Server;
let connections = 0;
let host: string;
let outside: string;
/** files a refused COPY would have made in the working directory and next to DuckDB's folder */
const RELATIVE = `tierbook-relative-${process.pid}.csv`;
const ESCAPED = `tierbook-escaped-${process.pid}.csv`;

/** DuckDB's own folder (registered files go to its files/). */
const own = () => dirname(dirname(db.filePath('files/x.csv')));

beforeAll(async () => {
  server = createServer((_request, response) => response.writeHead(404).end());
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  outside = await mkdtemp(join(tmpdir(), 'tierbook-outside-'));
  db = await openReplayDatabase(1);
});

afterAll(async () => {
  if (db) await rm(join(dirname(own()), ESCAPED), { force: true });
  await db?.close();
  await new Promise((resolve) => server?.close(resolve));
  await rm(outside, { recursive: true, force: true });
  await rm(RELATIVE, { force: true });
});

/** DuckDB's error for `sql`, or null when it ran. */
async function refusal(sql: string): Promise<string | null> {
  try {
    await db.exec(sql);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('native DuckDB as npm run replay opens it', () => {

  it.each([
    ['INSTALL httpfs', PERMISSION],
    ['FORCE INSTALL httpfs', PERMISSION],
    ["INSTALL spatial FROM 'https://HOST'", PERMISSION],
    ["INSTALL spatial FROM 'http://HOST'", PERMISSION],
    ['LOAD httpfs', NO_LOADING],
    ["LOAD 'OUTSIDE/evil.duckdb_extension'", NO_LOADING],
    ["ATTACH 'OUTSIDE/other.duckdb' AS other", PERMISSION],
    ["ATTACH 'http://HOST/other.duckdb' AS remote", /^Missing Extension Error: File http:\/\/.* requires the extension httpfs to be loaded/],
    ["SELECT * FROM read_csv('http://HOST/x.csv')", PERMISSION],
    ["SELECT * FROM read_text('https://HOST/x')", PERMISSION],
    ["SELECT * FROM read_text('/etc/hostname')", PERMISSION],
    ["COPY (SELECT 1 AS a) TO 'OUTSIDE/copied.csv'", PERMISSION],
    ["COPY (SELECT 1 AS a) TO 'RELATIVE'", PERMISSION],
    ["COPY (SELECT 1 AS a) TO 'OWN/../ESCAPED'", PERMISSION],
    ["EXPORT DATABASE 'OUTSIDE/exported'", PERMISSION],
    ['SET enable_external_access = true', LOCKED],
    ['RESET enable_external_access', LOCKED],
    ['SET lock_configuration = false', LOCKED],
    ["SET allowed_directories = ['/']", LOCKED],
    ['SET autoinstall_known_extensions = true', LOCKED],
    ["SET custom_extension_repository = 'http://127.0.0.1'", LOCKED],
  ])('refuses %s', async (template, expected) => {
    const sql = template
      .replaceAll('HOST', host)
      .replaceAll('OUTSIDE', outside)
      .replaceAll('OWN', own())
      .replaceAll('RELATIVE', RELATIVE)
      .replaceAll('ESCAPED', ESCAPED);
    expect(await refusal(sql)).toMatch(expected);
  });

  it('reached no other host and wrote nothing outside its own folder', async () => {
    expect(connections).toBe(0);
    for (const name of ['copied.csv', 'other.duckdb', 'exported']) expect(existsSync(join(outside, name))).toBe(false);
    expect(existsSync(RELATIVE)).toBe(false);
    expect(existsSync(join(dirname(own()), ESCAPED))).toBe(false);
  });

  it('left the sandbox as it was and the database usable', async () => {
    const settings = await db.query(
      "SELECT current_setting('enable_external_access') AS external, current_setting('lock_configuration') AS locked, 42 AS answer",
    );
    expect(settings.toArray().map((r) => r.toJSON() as unknown)).toEqual([{ external: false, locked: true, answer: 42 }]);
    // a query that outgrows memory spills inside DuckDB's own folder, not into the working directory
    const spill = await db.query("SELECT current_setting('temp_directory') AS dir");
    expect(String(spill.getChild('dir')?.get(0))).toBe(join(own(), '.spill'));
  });

  it('reads a registered file under the path registerFile returns, and not under a relative name', async () => {
    const path = await db.registerFile('files/a.csv', new TextEncoder().encode('x,y\n1,2\n'));
    expect(path).toBe(db.filePath('files/a.csv'));
    const read = await db.query(`SELECT x + y AS s FROM read_csv('${path}')`);
    expect(read.getChild('s')!.get(0)).toBe(3);
    // a relative name would resolve against the process's working directory first
    expect(await refusal("SELECT * FROM read_csv('files/a.csv')")).toMatch(PERMISSION);
    await db.dropFile('files/a.csv');
  });

  it('stages a CSV through the app reader and copies into its own folder', async () => {
    const staged = await stageFile(db, '客户.csv', new TextEncoder().encode('客户号,名称\nC1,甲\nC2,乙\n'), { takenNames: new Set() });
    expect(staged.staged.rows).toBe(2);
    expect(await refusal(`COPY (SELECT 1 AS a) TO '${db.filePath('files/inside.csv')}'`)).toBeNull();
    expect(existsSync(db.filePath('files/inside.csv'))).toBe(true);
  });
});
