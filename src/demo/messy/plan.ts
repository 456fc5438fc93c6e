import type { TableName } from '../../extract/schema';

/**
 * Which data-quality problems `--messy` puts where, and how often. Rates are per cell (or per
 * row); a cell receives at most one problem. Whole-column problems change every value and the
 * header of one column.
 */

export type CellProblem =
  /** thousands separators in an amount: 1,234.50 */
  | 'thousands'
  /** a missing value written as blank, -, —, 无, NULL or N/A */
  | 'missing'
  /** a date as 20240305, 2024/3/5 or an Excel serial number */
  | 'date-format'
  /** a rate as percent text: 4.35% */
  | 'percent'
  /** a long numeric id shown by Excel as 1.2024E+17 */
  | 'excel-mangled-id'
  /** a 统一社会信用代码 with a wrong check character, a missing character or a letter O */
  | 'invalid-credit-code';

export interface CellRule {
  readonly column: string;
  readonly problem: CellProblem;
  readonly rate: number;
  /** only cells that are empty in the clean data (an unpaid installment's 实还日期 written as 无) */
  readonly onlyEmpty?: boolean;
}

export type ColumnProblem =
  /** the column is in 万元 and its header says so: 贷款余额(万元) */
  | 'unit-wan'
  /** every date of the column as YYYYMMDD */
  | 'date-compact';

export interface ColumnRule {
  readonly column: string;
  readonly problem: ColumnProblem;
}

export interface TablePlan {
  readonly cells: readonly CellRule[];
  readonly columns: readonly ColumnRule[];
  /** amount columns summed into a 合计 row at the bottom; none = no total row */
  readonly totals: readonly string[];
}

const rule = (column: string, problem: CellProblem, rate: number, onlyEmpty = false): CellRule =>
  ({ column, problem, rate, onlyEmpty });

export const MESSY_PLAN: Record<TableName, TablePlan> = {
  customers: {
    cells: [
      rule('credit_code', 'invalid-credit-code', 0.006),
      rule('industry', 'missing', 0.02), rule('size', 'missing', 0.03), rule('manager', 'missing', 0.02),
      rule('employees', 'missing', 0.03), rule('assets', 'missing', 0.02),
      rule('revenue', 'thousands', 0.08), rule('assets', 'thousands', 0.08),
      rule('founded', 'missing', 0.01), rule('founded', 'date-format', 0.1), rule('relation_start', 'date-format', 0.1),
    ],
    columns: [],
    totals: [],
  },
  facilities: {
    cells: [
      rule('limit', 'thousands', 0.08), rule('used', 'thousands', 0.08), rule('used', 'missing', 0.02),
      rule('start', 'date-format', 0.08), rule('maturity', 'date-format', 0.08),
    ],
    columns: [],
    totals: ['limit', 'used'],
  },
  loans: {
    cells: [
      rule('loan_id', 'excel-mangled-id', 0.005), rule('amount', 'thousands', 0.08),
      rule('rate', 'percent', 0.25), rule('rate', 'missing', 0.02), rule('guarantee', 'missing', 0.03),
      rule('class', 'missing', 0.01), rule('start', 'date-format', 0.08), rule('maturity', 'date-format', 0.08),
    ],
    columns: [{ column: 'balance', problem: 'unit-wan' }],
    totals: ['amount', 'balance'],
  },
  repayments: {
    cells: [
      rule('loan_id', 'excel-mangled-id', 0.001), rule('due_date', 'date-format', 0.05), rule('paid_date', 'date-format', 0.05),
      rule('paid_date', 'missing', 0.3, true), rule('due_amount', 'thousands', 0.05), rule('paid_amount', 'thousands', 0.05),
      rule('overdue_days', 'missing', 0.01),
    ],
    columns: [],
    totals: ['due_amount', 'paid_amount'],
  },
  balances: {
    cells: [rule('loan_id', 'missing', 0.05, true), rule('balance', 'thousands', 0.05), rule('balance', 'missing', 0.01)],
    columns: [{ column: 'snapshot', problem: 'date-compact' }],
    totals: [],
  },
  outcomes: {
    cells: [rule('pushed', 'date-format', 0.1), rule('signed_amount', 'thousands', 0.1), rule('signed_amount', 'missing', 0.05)],
    columns: [],
    totals: [],
  },
};

/** Share of customers whose name has brackets that get a duplicate with the other bracket width. */
export const DUPLICATE_BRACKETED_RATE = 0.08;
/** Share of other customers that get a duplicate with the same name under a second id. */
export const DUPLICATE_PLAIN_RATE = 0.003;
/** The label of a total row, in its first column. */
export const TOTAL_LABEL = '合计';
