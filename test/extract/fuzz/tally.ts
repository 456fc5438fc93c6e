/** The fuzzer's counts: files per mutation kind and per outcome, and the slowest file. */
import type { Outcome } from './run-load';

export type OutcomeClass = 'loaded clean' | 'loaded with rejects' | 'refused with message' | 'crashed' | 'hung';

/** How the summary classes an outcome: a load with any error issue counts as "with rejects". */
export function classOf(outcome: Outcome): OutcomeClass {
  switch (outcome.kind) {
    case 'loaded':
      return outcome.report.issues.some((i) => i.severity === 'error') || outcome.report.rowsRejected > 0 ? 'loaded with rejects' : 'loaded clean';
    case 'refused':
      return 'refused with message';
    case 'crashed':
      return 'crashed';
    case 'hung':
      return 'hung';
  }
}

export class Tally {
  readonly byKind = new Map<string, Map<OutcomeClass, number>>();
  readonly byClass = new Map<OutcomeClass, number>();
  files = 0;
  slowest = { ms: 0, what: '' };

  add(kind: string, outcome: Outcome, what: string): void {
    const c = classOf(outcome);
    this.files++;
    this.byClass.set(c, (this.byClass.get(c) ?? 0) + 1);
    const perKind = this.byKind.get(kind) ?? new Map<OutcomeClass, number>();
    perKind.set(c, (perKind.get(c) ?? 0) + 1);
    this.byKind.set(kind, perKind);
    if (outcome.ms > this.slowest.ms) this.slowest = { ms: outcome.ms, what };
  }

  /** A table for the test's output. */
  format(): string {
    const classes: OutcomeClass[] = ['loaded clean', 'loaded with rejects', 'refused with message', 'crashed', 'hung'];
    const line = (name: string, counts: Map<OutcomeClass, number>) =>
      `${name.padEnd(22)} ${String([...counts.values()].reduce((a, b) => a + b, 0)).padStart(6)} ${classes.map((c) => String(counts.get(c) ?? 0).padStart(10)).join('')}`;
    return [
      `${'mutation'.padEnd(22)} ${'files'.padStart(6)} ${['clean', 'rejects', 'refused', 'crashed', 'hung'].map((h) => h.padStart(10)).join('')}`,
      ...[...this.byKind.keys()].sort().map((k) => line(k, this.byKind.get(k)!)),
      line('TOTAL', this.byClass),
      `slowest file: ${Math.round(this.slowest.ms)} ms (${this.slowest.what})`,
    ].join('\n');
  }
}
