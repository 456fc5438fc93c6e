/**
 * CSP stops the app's page and workers from reaching other hosts before the network, so the
 * proxy never sees those attempts, and Chromium reports a worker's refusals on no channel
 * Playwright forwards. The proxy therefore adds a `report-uri` to the app's CSP header (reporting
 * only; what is enforced is unchanged) and answers the reports itself: every blocked attempt,
 * from the page or any worker, becomes a record in the log.
 */

/** Where Chromium posts reports: a path on the app's own origin, answered by the proxy, never the app. */
export const CSP_REPORT_PATH = '/__tierbook-csp-report';

/** One refusal, as Chromium reported it (the `application/csp-report` format of `report-uri`). */
export interface CspViolation {
  /** The URL that was refused, or a keyword such as 'inline' or 'eval'. */
  readonly blockedUri: string;
  readonly directive: string;
  /** The page or worker script that attempted it. */
  readonly documentUri: string;
}

/**
 * The policy with the proxy's report-uri appended. A policy that already reports is left alone:
 * CSP ignores a repeated directive, so a second report-uri would never be used anyway.
 */
export function withReportUri(policy: string): string {
  if (/(^|;)\s*report-(uri|to)\b/i.test(policy)) return policy;
  return `${policy.replace(/[\s;]+$/, '')}; report-uri ${CSP_REPORT_PATH}`;
}

/** Reads a report-uri body; null when it is not one. */
export function parseCspReport(body: string): CspViolation | null {
  try {
    const report = (JSON.parse(body) as { 'csp-report'?: Record<string, unknown> })['csp-report'];
    if (!report) return null;
    const text = (key: string) => (typeof report[key] === 'string' ? (report[key] as string) : '');
    return {
      blockedUri: text('blocked-uri'),
      directive: text('effective-directive') || text('violated-directive'),
      documentUri: text('document-uri'),
    };
  } catch {
    return null;
  }
}
