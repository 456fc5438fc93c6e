/**
 * The extract fuzzer (issue 7, item 3): thousands of mutated extracts through the app's loader
 * entry point on one native DuckDB database. Per file: (a) it finishes within FILE_DEADLINE_MS,
 * (b) it loads or is refused with a LoadError and nothing else, (c) its issues name the file and
 * the row and column they are about, (d) no row loads silently different from its source (the
 * oracle of each mutation kind is documented in expectation.ts and oracle.ts).
 *
 *   FUZZ_SEED=S   run seed (case k has seed S + k; a failure prints its own seed to replay alone)
 *   FUZZ_COUNT=N  number of files (default 300 in CI; the long run in the README uses 3000)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../../src/engine/native/native-database';
import { useNodeParquet } from '../../../src/extract/readers/parquet-init-node';
import { binaryBases } from './binary-mutations';
import { caseOf, csvBases, SOURCE_CUSTOMERS, SOURCE_SEED, type Bases } from './cases';
import { expectedRow, violations } from './oracle';
import { runLoad } from './run-load';
import { sourceTables } from './source-extracts';
import { Tally } from './tally';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_611);
const COUNT = Number(process.env['FUZZ_COUNT'] ?? 300);
const FILE_DEADLINE_MS = 10_000;
// a load costs 0.1–1 s (binding the cleaning SQL dominates; more on a busy machine): 1 s a file

let db: NativeDatabase;
let bases: Bases;

beforeAll(async () => {
  useNodeParquet();
  db = await NativeDatabase.open({ threads: 1 });
  const sources = sourceTables(SOURCE_SEED, SOURCE_CUSTOMERS);
  bases = { sources, csv: csvBases(sources), binary: await binaryBases(sources) };
}, 60_000);
afterAll(async () => db?.close());

describe('the extract fuzzer', () => {
  it('starts from sources with rows in every table and values a loader must keep', () => {
    for (const source of bases.sources) expect(source.rows.length, source.table).toBeGreaterThan(0);
    // the expected value of a row is worked from its text, independently of the loader
    const loans = bases.sources.find((s) => s.table === 'loans')!;
    const row = expectedRow({ ...loans, rows: [['L1', 'C1', '无', '本行', '1200.50', '', '2024-03-05', '2025-03-05', '0.0435', ' 抵押 ', '正常']] }, 0);
    expect(row).toEqual({ loan_id: 'L1', customer_id: 'C1', product: null, bank: '本行', amount: '1200.5', balance: null, start: '2024-03-05', maturity: '2025-03-05', rate: '0.0435', guarantee: '抵押', class: '正常' });
  });

  it('loads every intact source, in each format, exactly', async () => {
    const failures: string[] = [];
    const intact = [
      ...bases.csv.map((b) => ({ name: `${b.source.table}${b.encoding === 'gbk' ? '_gbk' : ''}.csv`, bytes: b.rendered.bytes, source: b.source })),
      ...bases.binary.flatMap((b) => [
        { name: `${b.source.table}.xlsx`, bytes: b.xlsx, source: b.source },
        { name: `${b.source.table}.parquet`, bytes: b.parquet, source: b.source },
      ]),
    ];
    for (const file of intact) {
      const outcome = await runLoad(db, file.name, file.bytes, FILE_DEADLINE_MS);
      for (const v of violations(outcome, { mode: 'same' }, file.source, file.name)) failures.push(`${file.name}: ${v}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it(`loads ${COUNT} mutated files from seed ${SEED}: no hang, no crash, every problem named, no silently wrong value`, async () => {
    const tally = new Tally();
    const failures: string[] = [];
    for (let k = 0; k < COUNT; k++) {
      const seed = SEED + k;
      const fuzzCase = await caseOf(seed, bases);
      const outcome = await runLoad(db, fuzzCase.name, fuzzCase.bytes, FILE_DEADLINE_MS);
      tally.add(fuzzCase.kind, outcome, `seed ${seed}, ${fuzzCase.kind}`);
      const found = violations(outcome, fuzzCase.expect, fuzzCase.source, fuzzCase.name);
      if (found.length) {
        const line = `FUZZ_SEED=${seed} FUZZ_COUNT=1 (${fuzzCase.kind}; ${fuzzCase.detail}; expect ${fuzzCase.expect.mode}):\n  ${found.slice(0, 5).join('\n  ')}`;
        failures.push(line);
      }
      // a hung load still holds the database: nothing after it would be meaningful
      if (outcome.kind === 'hung') break;
    }
    console.log(`extract fuzzer, seed ${SEED}, ${COUNT} files\n${tally.format()}`);
    if (failures.length) console.log(`${failures.length} failing files:\n${failures.slice(0, 30).join('\n')}`);
    expect(failures.slice(0, 10)).toEqual([]);
    // the summary accounts for every file: each file has exactly one outcome class
    const perKind = [...tally.byKind.values()].flatMap((m) => [...m.values()]).reduce((a, b) => a + b, 0);
    const perClass = [...tally.byClass.values()].reduce((a, b) => a + b, 0);
    expect({ files: tally.files, perKind, perClass }).toEqual({ files: COUNT, perKind: COUNT, perClass: COUNT });
  }, Math.max(600_000, COUNT * 1_000));
});
