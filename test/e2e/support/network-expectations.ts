import { describeRecords, otherHostRecords, type ProxyLog, type ProxyRecord } from './proxy-log';

/**
 * Assertions over the proxy log. They throw plain Errors (not Vitest's expect) so the screenshot
 * script can use them outside a test run; inside a test, a throw fails the test with the message.
 */

const POLL_MS = 50;

/**
 * Waits until the channel has been quiet for `quietMs`, so a request still on its way when a
 * scenario ends is counted, not missed. Gives up waiting (and returns) after `timeoutMs`.
 */
export async function waitForQuiet(log: ProxyLog, mark?: number, quietMs = 300, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = (await log.since(mark)).length;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
    await sleep(POLL_MS);
    const now = (await log.since(mark)).length;
    if (now !== seen) [seen, quietSince] = [now, Date.now()];
  }
}

/**
 * Fails, listing them, if anything on this channel (since `mark`, if given) went to a host other
 * than the app's server. Call it at the end of any scenario.
 */
export async function expectNoOtherHostRequests(log: ProxyLog, mark?: number): Promise<void> {
  await waitForQuiet(log, mark);
  const leaks = otherHostRecords(await log.since(mark));
  if (leaks.length > 0) {
    throw new Error(`Expected no requests to other hosts, but the proxy saw ${leaks.length}:\n${describeRecords(leaks)}`);
  }
}

/**
 * Polls the log until a record since `mark` matches, and returns it; fails with what was seen
 * instead. For requests that leave the page asynchronously (workers, WebSockets, navigations).
 */
export async function waitForRecord(
  log: ProxyLog,
  mark: number | undefined,
  matches: (record: ProxyRecord) => boolean,
  timeoutMs = 20_000,
): Promise<ProxyRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = await log.since(mark);
    const found = records.find(matches);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`No matching proxy record within ${timeoutMs} ms; saw:\n${describeRecords(records) || '  (nothing)'}`);
    }
    await sleep(POLL_MS);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
