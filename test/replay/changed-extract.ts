import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NativeDatabase } from '../../src/engine/native/native-database';

/** The bundled demo's loans file. */
export const DEMO_LOANS = 'public/demo/loans.parquet';

/** What changeOneBalance did: the file written, the loan changed, and the balance sums before and after. */
export interface ChangedLoans {
  readonly file: string;
  readonly loanId: string;
  readonly sumBefore: number;
  readonly sumAfter: number;
}

/**
 * Copies the demo's loans.parquet into `dir`, then writes `dir/loans.parquet` with ONE row's
 * balance (贷款余额) raised by `delta`: the first of this bank's (本行) loans with a positive
 * balance, by loan id. Sums are read back with native DuckDB from both files, so a test
 * compares the replay's report with an independent figure, not with what the replay printed.
 */
export async function changeOneBalance(dir: string, delta: number): Promise<ChangedLoans> {
  const original = join(dir, 'original-loans.parquet');
  const file = join(dir, 'loans.parquet');
  await copyFile(DEMO_LOANS, original);
  const db = await NativeDatabase.open({ threads: 1 });
  try {
    const pick = await db.query(`SELECT min(借据号) AS id FROM '${original}' WHERE 贷款机构 = '本行' AND 贷款余额 > 0`);
    const loanId = String(pick.getChild('id')!.get(0));
    await db.exec(
      `COPY (SELECT * REPLACE (CASE WHEN 借据号 = '${loanId}' THEN 贷款余额 + ${delta} ELSE 贷款余额 END AS 贷款余额) FROM '${original}') TO '${file}' (FORMAT parquet)`,
    );
    const sum = async (path: string) => Number((await db.query(`SELECT sum(贷款余额) AS s FROM '${path}'`)).getChild('s')!.get(0));
    return { file, loanId, sumBefore: await sum(original), sumAfter: await sum(file) };
  } finally {
    await db.close();
  }
}
