import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProxyChannel, ProxyControl, ProxyLog, ProxyLogResponse, ProxyRecord } from './proxy-log';
import { normalizeHost, startProxyServer, type ProxyTarget, type RunningProxyServer } from './proxy-server';

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
 * forwarding only requests to `app` and refusing, with a record, everything else; plus a small
 * control server on its own port, which Chromium is never pointed at.
 */
export async function startLoggingProxy(app: ProxyTarget): Promise<LoggingProxy> {
  const log: ProxyRecord[] = [];
  const servers: RunningProxyServer[] = [];
  const appHost = normalizeHost(app.host);
  const counts = new Map<string, number>();

  const logOf = (channel: string): ProxyLog => ({
    mark: async () => log.length,
    since: async (mark = 0) => log.filter((r) => r.seq >= mark && r.channel === channel),
  });

  async function openChannel(label: string): Promise<ProxyChannel> {
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    const name = `${label}-${count}`;
    const server = await startProxyServer((attempt) => {
      const forwarded = attempt.host === appHost && attempt.port === app.port;
      log.push({ ...attempt, seq: log.length, time: Date.now(), channel: name, forwarded });
      return forwarded;
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

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
