import type { ProxyAttempt } from './proxy-server';

/**
 * The logging proxy's record of what Chromium tried to reach, and the interfaces tests use to
 * read it, whether the proxy runs in their process (the screenshot script) or in the global
 * setup's (test files run in Vitest workers and reach it over HTTP: proxy-client.ts).
 */

/** One request or tunnel the proxy saw, or one attempt CSP refused and reported (csp-reports.ts). */
export interface ProxyRecord {
  /** Position in the proxy's whole log, from 0. */
  readonly seq: number;
  /** When the proxy saw it, ms since the epoch. */
  readonly time: number;
  /** The channel (listening port) it came in on: one per browser and one per app context. */
  readonly channel: string;
  readonly kind: ProxyAttempt['kind'] | 'csp-report';
  /** The HTTP method, 'CONNECT', or for a csp-report the directive that refused it. */
  readonly method: string;
  /** The absolute URL, host:port for a CONNECT, the refused URL (or 'eval', 'inline') for a csp-report. */
  readonly url: string;
  /** Lower-case host ('' when there is none) and port (0) of `url`. */
  readonly host: string;
  readonly port: number;
  /** True only for requests to the app's own server; everything else was refused. */
  readonly forwarded: boolean;
  /** An attempt to reach a host other than the app's server, made or refused by CSP. */
  readonly otherHost: boolean;
  /** For a csp-report: the page or worker script that made the attempt. */
  readonly detail?: string;
}

/** One channel's part of the log. */
export interface ProxyLog {
  /** A point in the log: take one before a scenario, read `since` it after. */
  mark(): Promise<number>;
  /** This channel's records from `mark` on (all of them without one), oldest first. */
  since(mark?: number): Promise<ProxyRecord[]>;
}

/**
 * A port of the proxy with its own part of the log. Chromium's own background traffic (sign-in,
 * component updates) uses the browser-wide proxy; giving each app context its own channel keeps
 * the app's requests apart from it, so "no other host" is about the app and nothing else.
 */
export interface ProxyChannel {
  readonly name: string;
  readonly port: number;
  readonly log: ProxyLog;
}

/** What tests need from the proxy, in this process or another. */
export interface ProxyControl {
  /** Opens a new listening port; `label` names it in the log (e.g. 'browser', 'app'). */
  openChannel(label: string): Promise<ProxyChannel>;
}

/** The JSON the proxy's control server answers at GET /log. */
export interface ProxyLogResponse {
  /** The mark for "after everything so far". */
  readonly next: number;
  readonly records: ProxyRecord[];
}

/** Records of attempts to reach anywhere but the app's own server. */
export function otherHostRecords(records: readonly ProxyRecord[]): ProxyRecord[] {
  return records.filter((r) => r.otherHost);
}

/** One line per record, for failure messages. */
export function describeRecords(records: readonly ProxyRecord[]): string {
  return records.map((r) => `  #${r.seq} [${r.channel}] ${r.kind} ${r.method} ${r.url}${r.detail ? ` (${r.detail})` : ''}`).join('\n');
}
