/**
 * Peak memory of one browser repetition, sampled every `intervalMs` while it runs:
 * - 'js-heap': the page's JavaScript heap in use (CDP Performance.getMetrics JSHeapUsedSize; the
 *   main thread only: DuckDB's worker and its wasm memory are not in it);
 * - 'process': the resident memory (VmRSS) of every Chromium process this Node process started,
 *   summed: browser, renderer, GPU/utility processes, so DuckDB-WASM's linear memory is in it.
 * DuckDB's own figure (duckdb_memory()) is read through the app's SQL tab (app-steps.ts), since
 * the wasm Memory object is private to the DuckDB worker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

export interface MemoryPeaks {
  /** MB (10^6 bytes) */
  readonly jsHeapMb: number;
  readonly processMb: number;
}

export class MemorySampler {
  private jsHeap = 0;
  private rss = 0;
  private timer: NodeJS.Timeout | null = null;
  private cdp: CDPSession | null = null;

  constructor(private readonly intervalMs = 500) {}

  async start(page: Page): Promise<void> {
    this.cdp = await page.context().newCDPSession(page);
    await this.cdp.send('Performance.enable');
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
    await this.sample();
  }

  /** Stops sampling (after one last sample) and returns the peaks. */
  async stop(): Promise<MemoryPeaks> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
    await this.cdp?.detach().catch(() => undefined);
    this.cdp = null;
    return { jsHeapMb: this.jsHeap / 1e6, processMb: this.rss / 1e6 };
  }

  private async sample(): Promise<void> {
    this.rss = Math.max(this.rss, chromiumRss(process.pid));
    try {
      const { metrics } = (await this.cdp?.send('Performance.getMetrics')) ?? { metrics: [] };
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      this.jsHeap = Math.max(this.jsHeap, used);
    } catch {
      // the page is busy closing or crashed: keep the peak so far
    }
  }
}

/** Summed VmRSS (bytes) of the Chromium processes descending from `root`. */
export function chromiumRss(root: number): number {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'
      const close = stat.lastIndexOf(')');
      name.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, comm] of name) {
    if (!/chrom/i.test(comm) || !descends(pid)) continue;
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}
