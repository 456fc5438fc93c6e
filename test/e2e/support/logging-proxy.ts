import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProxyChannel, ProxyControl, ProxyLog, ProxyLogResponse, ProxyRecord } from './proxy-log';
import { CSP_REPORT_PATH, parseCspReport } from './csp-reports';
import { normalizeHost, parseAbsolute, startProxyServer, type ProxyAttempt, type ProxyTarget, type RunningProxyServer } from './proxy-server';

/** The proxy in the process that started it. */
export interface LoggingProxy extends ProxyControl {
  /** Base URL of the control server (POST /channels, GET /log) for tests in other processes. */
  readonly controlUrl: string;
  /** Every record so far, all channels. */
  records(): readonly ProxyRecord[];
  close(): Promise<void>;
}

/**
 * Starts the logging proxy: any number of channels (proxy ports) sharing one log, each
 * forwarding only requests to `app` and refusing, with a record, everything else; CSP's reports
 * of refused attempts are recorded too. A small control server on its own port, which Chromium
 * is never pointed at, opens channels and serves the log to other processes.
 */
export async function startLoggingProxy(app: ProxyTarget): Promise<LoggingProxy> {
  const log: ProxyRecord[] = [];
  const servers: RunningProxyServer[] = [];
  const appHost = normalizeHost(app.host);
  const isApp = (host: string, port: number) => host === appHost && port === app.port;
  const counts = new Map<string, number>();
  const append = (entry: Omit<ProxyRecord, 'seq' | 'time'>) => log.push({ ...entry, seq: log.length, time: Date.now() });

  const logOf = (channel: string): ProxyLog => ({
    mark: async () => log.length,
    since: async (mark = 0) => log.filter((r) => r.seq >= mark && r.channel === channel),
  });

  const isCspReport = (attempt: ProxyAttempt) =>
    attempt.kind === 'http' && attempt.method === 'POST' && isApp(attempt.host, attempt.port) && new URL(attempt.url).pathname === CSP_REPORT_PATH;

  async function openChannel(label: string): Promise<ProxyChannel> {
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    const name = `${label}-${count}`;
    const server = await startProxyServer({
      decide(attempt) {
        if (isCspReport(attempt)) return 'csp-report';
        const forwarded = isApp(attempt.host, attempt.port);
        append({ ...attempt, channel: name, forwarded, otherHost: !forwarded });
        return forwarded ? 'forward' : 'refuse';
      },
      cspReport(body) {
        const violation = parseCspReport(body);
        const blocked = hostOf(violation?.blockedUri ?? '');
        append({
          channel: name,
          kind: 'csp-report',
          method: violation?.directive ?? '?',
          url: violation?.blockedUri ?? body.slice(0, 200),
          ...blocked,
          forwarded: false,
          // 'eval', 'inline', data: are refusals too, but not attempts to reach a host.
          otherHost: blocked.host !== '' && !isApp(blocked.host, blocked.port),
          detail: `refused by CSP in ${violation?.documentUri ?? 'an unreadable report'}`,
        });
      },
    });
    servers.push(server);
    return { name, port: server.port, log: logOf(name) };
  }

  const control = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control.invalid');
    if (req.method === 'POST' && url.pathname === '/channels') {
      openChannel(url.searchParams.get('label') ?? 'channel').then(
        ({ name, port }) => json(res, 200, { name, port }),
        (error: Error) => json(res, 500, { error: error.message }),
      );
    } else if (req.method === 'GET' && url.pathname === '/log') {
      const channel = url.searchParams.get('channel');
      const since = Number(url.searchParams.get('since') ?? '0');
      const records = log.filter((r) => r.seq >= since && (channel === null || r.channel === channel));
      json(res, 200, { next: log.length, records } satisfies ProxyLogResponse);
    } else {
      json(res, 404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    control.once('error', reject);
    control.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    openChannel,
    records: () => log,
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      control.closeAllConnections();
      await new Promise<void>((resolve) => control.close(() => resolve()));
    },
  };
}

/** Host and port of a URL that names one (http, https, ws, wss); '' and 0 otherwise. */
function hostOf(uri: string): ProxyTarget {
  const target = parseAbsolute(uri);
  return target ? { host: target.host, port: target.port } : { host: '', port: 0 };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
