import { INDUSTRIES } from './industries';
import { PROVINCES, type City } from './regions';
import { OTHER_BANKS } from './vocabulary';
import { cumulativeWeights, hashText, Rng, Stream } from './random';
import { addMonths, dayOf, monthEnd, ymdOf } from './dates';
import { personName } from './identity';

/** What a generation run is asked for. */
export interface DemoOptions {
  /** number of customers, 1 to 9,999,999 */
  customers: number;
  seed: number;
  /** the extract's data date, as a day number (dates.ts) */
  asOf: number;
  /** also produce the `_truth` table */
  truth: boolean;
}

/** The default as-of date: 2025-12-31. */
export const DEFAULT_AS_OF = dayOf(2025, 12, 31);

/** Branches per city: 机构号 = first four digits of the city code + a 3-digit sequence. */
const BRANCHES_PER_CITY = 3;
const MANAGERS_PER_BRANCH = 6;

/**
 * Everything shared by all customers of a run: weights for the categorical draws, the calendar
 * of the window, and each branch's account managers (drawn once per seed and branch).
 */
export class DemoContext {
  readonly industryWeights = cumulativeWeights(INDUSTRIES.map((i) => i.weight));
  readonly provinceWeights = cumulativeWeights(PROVINCES.map((p) => p.weight));
  readonly cityWeights = PROVINCES.map((p) => cumulativeWeights(p.cities.map((c) => c.weight)));
  readonly bankWeights = cumulativeWeights(OTHER_BANKS.map((b) => b.weight));
  /** the last month-end on or before the as-of date: the newest balance snapshot */
  readonly lastSnapshot: number;
  private readonly managers = new Map<string, string[]>();
  private readonly snapshotCache = new Map<number, Int32Array>();
  private readonly windowStarts = new Map<number, number>();

  constructor(readonly options: DemoOptions) {
    if (!Number.isInteger(options.customers) || options.customers < 1 || options.customers > 9_999_999) {
      throw new Error(`customers must be a whole number from 1 to 9,999,999, got ${options.customers}`);
    }
    const endOfMonth = monthEnd(options.asOf);
    this.lastSnapshot = endOfMonth === options.asOf ? endOfMonth : monthEnd(options.asOf, -1);
  }

  get seed(): number {
    return this.options.seed;
  }

  get asOf(): number {
    return this.options.asOf;
  }

  /** The month-end snapshots of a window of `months` months, oldest first. */
  snapshots(months: number): Int32Array {
    let days = this.snapshotCache.get(months);
    if (!days) {
      days = Int32Array.from({ length: months }, (_, i) => monthEnd(this.lastSnapshot, i - (months - 1)));
      this.snapshotCache.set(months, days);
    }
    return days;
  }

  /** First day of a window of `months` months: repayments due on or after it are in the extract. */
  windowStart(months: number): number {
    let day = this.windowStarts.get(months);
    if (day === undefined) this.windowStarts.set(months, (day = monthEnd(this.lastSnapshot, -months) + 1));
    return day;
  }

  /** The day `monthsBack` months before the as-of month, on day `dom`, never after the as-of date. */
  dayBack(monthsBack: number, dom: number): number {
    const { year, month } = ymdOf(this.asOf);
    return Math.min(this.asOf, addMonths(dayOf(year, month, dom), -monthsBack));
  }

  /** A branch code of the city. */
  branch(city: City, rng: Rng): string {
    return `${city.code.slice(0, 4)}${String(rng.int(1, BRANCHES_PER_CITY + 1)).padStart(3, '0')}`;
  }

  /** One of the branch's account managers. */
  manager(branch: string, rng: Rng): string {
    let pool = this.managers.get(branch);
    if (!pool) {
      const names = Rng.for(this.seed, Stream.manager, hashText(branch));
      pool = Array.from({ length: MANAGERS_PER_BRANCH }, () => personName(names));
      this.managers.set(branch, pool);
    }
    return rng.pick(pool);
  }
}
