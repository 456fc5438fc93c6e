import type { TableName } from '../extract/schema';
import { rowCount, type ColumnarTable } from './columns';
import { DemoContext, type DemoOptions } from './context';
import { CustomerSink } from './customer';
import { BalanceSink, FacilitySink } from './facilities';
import { LoanSink } from './loans';
import { campaignId, OutcomeSink, TruthSink } from './outcomes';
import { Rng, Stream } from './random';
import { emptyTable, EXTRACT_TABLE_NAMES, TRUTH_TABLE, type DemoTableName } from './tables';

/** The rows of all tables for a contiguous range of customers. */
export interface DemoBatch {
  /** index of the first customer of the batch */
  readonly first: number;
  /** number of customers in the batch */
  readonly customers: number;
  readonly tables: ReadonlyMap<DemoTableName, ColumnarTable>;
}

/** Customers per batch by default: ~1 M rows of the largest table, a few tens of MB. */
export const DEFAULT_BATCH_CUSTOMERS = 20_000;

/** The tables a run produces, in order. */
export function demoTableNames(options: Pick<DemoOptions, 'truth'>): DemoTableName[] {
  return options.truth ? [...EXTRACT_TABLE_NAMES, TRUTH_TABLE] : [...EXTRACT_TABLE_NAMES];
}

/**
 * Generates customers [first, first + count). Each customer draws from their own stream
 * (seed, index), so a customer's rows do not depend on the batch size or on the total.
 */
export function generateBatch(ctx: DemoContext, first: number, count: number): DemoBatch {
  const capacity = Math.max(16, count);
  const tables = new Map<DemoTableName, ColumnarTable>();
  for (const name of demoTableNames(ctx.options)) {
    const perCustomer: Record<DemoTableName, number> = {
      customers: 1, facilities: 2, loans: 4, repayments: 32, balances: 24, outcomes: 1, [TRUTH_TABLE]: 1,
    };
    tables.set(name, emptyTable(name, capacity * perCustomer[name]));
  }
  const get = (name: DemoTableName): ColumnarTable => tables.get(name)!;
  const customers = new CustomerSink(get('customers'));
  const loans = new LoanSink(get('loans'), get('repayments'));
  const facilities = new FacilitySink(get('facilities'));
  const balances = new BalanceSink(get('balances'));
  const outcomes = new OutcomeSink(get('outcomes'), campaignId(ctx.asOf));
  const truth = ctx.options.truth ? new TruthSink(get(TRUTH_TABLE)) : null;
  for (let index = first; index < first + count; index++) {
    const rng = Rng.for(ctx.seed, Stream.customer, index);
    const profile = customers.draw(rng, ctx, index);
    const summary = loans.generate(rng, ctx, profile);
    facilities.write(rng, ctx, profile, summary);
    balances.write(ctx, profile, summary);
    const result = outcomes.write(rng, ctx, profile, summary);
    truth?.write(profile, result);
  }
  return { first, customers: count, tables };
}

/** All batches of a run, in order. */
export function* generateBatches(options: DemoOptions, batchCustomers = DEFAULT_BATCH_CUSTOMERS): Generator<DemoBatch> {
  const ctx = new DemoContext(options);
  for (let first = 1; first <= options.customers; first += batchCustomers) {
    yield generateBatch(ctx, first, Math.min(batchCustomers, options.customers - first + 1));
  }
}

/** Row counts per table of a batch (for progress and manifests). */
export function batchRowCounts(batch: DemoBatch): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, table] of batch.tables) out[name] = rowCount(table);
  return out;
}

export type { TableName };
