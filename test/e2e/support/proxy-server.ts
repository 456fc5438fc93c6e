import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { withReportUri } from './csp-reports';

/** A host and port a proxied request is for. */
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

/** What a browser asked the proxy for, before it is answered. */
export interface ProxyAttempt extends ProxyTarget {
  /** 'http': a plain proxied request; 'connect': a tunnel (https, WebSocket); 'upgrade': ws:// sent as a GET. */
  readonly kind: 'http' | 'connect' | 'upgrade';
  readonly method: string;
  /** The absolute URL, or host:port for a CONNECT; host is '' when it could not be parsed. */
  readonly url: string;
}

/**
 * What to do with an attempt: forward it, refuse it with a 403, or (for the CSP report path on
 * the app's origin, see csp-reports.ts) read it as a CSP report and answer it here.
 */
export type ProxyVerdict = 'forward' | 'refuse' | 'csp-report';

export interface ProxyHandlers {
  /** Called for every request and tunnel before anything else happens; typically records it. */
  decide(attempt: ProxyAttempt): ProxyVerdict;
  /** The body of a request decided 'csp-report'. */
  cspReport(body: string): void;
}

export interface RunningProxyServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Headers that describe one connection, not the message; never forwarded. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

const FORBIDDEN = 'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

/**
 * An HTTP proxy on 127.0.0.1 (node:http plus CONNECT and upgrade handling) that asks `decide`
 * about every request and tunnel before anything else happens, so no attempt can pass unseen.
 * Plain requests are forwarded and streamed back (with a report-uri added to their CSP);
 * tunnels are spliced; refusals are 403s.
 */
export async function startProxyServer(handlers: ProxyHandlers): Promise<RunningProxyServer> {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A peer resetting a tunnel must not crash the test run.
    socket.on('error', () => socket.destroy());
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const target = parseAbsolute(url);
    const verdict = handlers.decide({ kind: 'http', method: req.method ?? 'GET', url, host: target?.host ?? '', port: target?.port ?? 0 });
    if (verdict === 'refuse' || !target) return refuse(res);
    if (verdict === 'forward') return forward(req, res, target);
    readBody(req).then((body) => {
      handlers.cspReport(body);
      res.writeHead(204).end();
    }, () => res.destroy());
  });
  server.on('connection', track);
  server.on('clientError', (_error, socket) => socket.destroy());

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const authority = req.url ?? '';
    const target = parseAbsolute(`http://${authority}`);
    const verdict = handlers.decide({ kind: 'connect', method: 'CONNECT', url: authority, host: target?.host ?? '', port: target?.port ?? 0 });
    if (verdict !== 'forward' || !target) return void client.end(FORBIDDEN);
    tunnel(client, target, 'HTTP/1.1 200 Connection Established\r\n\r\n', head, track);
  });

  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const url = req.url ?? '';
    const target = parseAbsolute(url);
    const verdict = handlers.decide({ kind: 'upgrade', method: req.method ?? 'GET', url, host: target?.host ?? '', port: target?.port ?? 0 });
    if (verdict !== 'forward' || !target) return void client.end(FORBIDDEN);
    tunnel(client, target, null, Buffer.concat([Buffer.from(requestHead(req, target.path)), head]), track);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface ParsedTarget extends ProxyTarget {
  readonly path: string;
}

/** `http://host:port/path` (what a browser sends a proxy) → host, port, path; null unless http(s)/ws(s). */
export function parseAbsolute(url: string): ParsedTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const defaults: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };
  const fallback = defaults[parsed.protocol];
  if (fallback === undefined || !parsed.hostname) return null;
  return { host: normalizeHost(parsed.hostname), port: parsed.port ? Number(parsed.port) : fallback, path: parsed.pathname + parsed.search };
}

/** Lower case, without IPv6 brackets: the form both sides of a host comparison use. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

function refuse(res: ServerResponse): void {
  res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('Refused by the Tierbook test proxy: not the app server.\n');
}

/** Sends a proxied request on to its target and streams the answer back. */
function forward(req: IncomingMessage, res: ServerResponse, target: ParsedTarget): void {
  const upstream = http.request(
    { host: target.host, port: target.port, method: req.method, path: target.path, headers: endToEnd(req.headers) },
    (answer) => {
      const headers = endToEnd(answer.headers);
      const policy = headers['content-security-policy'];
      if (typeof policy === 'string') headers['content-security-policy'] = withReportUri(policy);
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else res.writeHead(502).end();
  });
  req.pipe(upstream);
}

/** Splices the client to a new connection to the target, after an optional reply and first bytes. */
function tunnel(client: Duplex, target: ProxyTarget, reply: string | null, first: Buffer, track: (s: Duplex) => void): void {
  const upstream = net.connect(target.port, target.host, () => {
    if (reply) client.write(reply);
    if (first.length) upstream.write(first);
    upstream.pipe(client).pipe(upstream);
  });
  track(upstream);
  upstream.on('error', () => client.destroy());
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/** Rebuilds an upgrade request's head for the target (Node has already parsed it off the socket). */
function requestHead(req: IncomingMessage, path: string): string {
  const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    if (!/^proxy-/i.test(name)) lines.push(`${name}: ${req.rawHeaders[i + 1] ?? ''}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}
