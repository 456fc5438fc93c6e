import type { ProxyChannel, ProxyControl, ProxyLog, ProxyLogResponse } from './proxy-log';

/**
 * The logging proxy seen from another process: test files run in Vitest workers, while the proxy
 * lives in the global setup. Speaks to its control server (logging-proxy.ts) over loopback HTTP.
 */
export function remoteProxy(controlUrl: string): ProxyControl {
  return {
    async openChannel(label) {
      const url = new URL('/channels', controlUrl);
      url.searchParams.set('label', label);
      const { name, port } = await call<{ name: string; port: number }>(url, 'POST');
      return { name, port, log: remoteLog(controlUrl, name) } satisfies ProxyChannel;
    },
  };
}

function remoteLog(controlUrl: string, channel: string): ProxyLog {
  const read = (since: number): Promise<ProxyLogResponse> => {
    const url = new URL('/log', controlUrl);
    url.searchParams.set('channel', channel);
    url.searchParams.set('since', String(since));
    return call<ProxyLogResponse>(url, 'GET');
  };
  return {
    mark: async () => (await read(Number.MAX_SAFE_INTEGER)).next,
    since: async (mark = 0) => (await read(mark)).records,
  };
}

async function call<T>(url: URL, method: 'GET' | 'POST'): Promise<T> {
  const response = await fetch(url, { method });
  if (!response.ok) throw new Error(`proxy control ${method} ${url.href}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
