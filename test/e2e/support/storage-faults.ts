import type { Browser, CDPSession, Page } from 'playwright-core';

/** What the page prints once a save's transaction is held open (see holdSaveOpen). */
export const SAVE_HELD_OPEN = 'tierbook-e2e: save transaction held open';

/**
 * Makes the next save whose text contains `marker` stop just short of committing: when the app
 * puts that text into the `texts` store, the hook keeps issuing small reads on the same store, so
 * the transaction stays active with its writes pending and never commits (a transaction commits
 * only once no request is outstanding). The page then says SAVE_HELD_OPEN on the console, and the
 * test crashes the renderer at a known moment instead of racing a commit that takes milliseconds.
 * Installed into the live page (the app's IndexedDB wrapper looks methods up at call time).
 */
export async function holdSaveOpen(page: Page, marker: string): Promise<void> {
  await page.evaluate(
    ({ marker, message }) => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        const request = put.call(this, value, key);
        if (this.name === 'texts' && typeof value === 'string' && value.includes(marker)) {
          const store = this;
          const keepOpen = () => {
            store.count().onsuccess = keepOpen;
          };
          keepOpen();
          console.log(message);
        }
        return request;
      };
    },
    { marker, message: SAVE_HELD_OPEN },
  );
}

/** Crashes the page's renderer as a browser crash would (CDP Page.crash); resolves once it is gone. */
export async function crashRenderer(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  cdp.send('Page.crash').catch(() => undefined); // never answered: the target is gone
  await crashed;
}

/**
 * Sets the origin's storage quota in bytes (CDP Storage.overrideQuotaForOrigin: the browser's own
 * quota check, so a write fails as it does on a full disk). The override lasts while its CDP
 * session is attached (Chromium drops it on detach); `restore` gives the real quota back.
 */
export async function limitQuota(page: Page, origin: string, bytes: number): Promise<{ restore(): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes });
  // Chromium does not always enforce the override (seen in CI: a save went through with a
  // 1-byte quota), so writes also fail as a full disk makes them fail, deterministically: every
  // readwrite put/add throws QuotaExceededError until restore(). Reads are untouched.
  await page.evaluate(() => {
    const w = window as unknown as { __tierbookQuotaFull?: boolean; __tierbookQuotaPatched?: boolean };
    w.__tierbookQuotaFull = true;
    if (w.__tierbookQuotaPatched) return;
    w.__tierbookQuotaPatched = true;
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (w.__tierbookQuotaFull && this.transaction.mode === 'readwrite') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
  let restored = false;
  return {
    async restore() {
      if (restored) return;
      restored = true;
      await page.evaluate(() => ((window as unknown as { __tierbookQuotaFull?: boolean }).__tierbookQuotaFull = false));
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await cdp.detach();
    },
  };
}

/** Bytes the origin uses, as the page's StorageManager reports it. */
export function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/**
 * Grants persistent storage ('durableStorage') to `origin` in the page's browser context, as a
 * user's choice or the browser's engagement heuristics would. Without it headless Chromium
 * answers persist() with false. The grant lasts while the returned CDP session is attached
 * (Chromium drops a session's permission overrides when it detaches): detach it when done.
 */
export async function grantPersistentStorage(browser: Browser, page: Page, origin: string): Promise<CDPSession> {
  const pageCdp = await page.context().newCDPSession(page);
  const { targetInfo } = await pageCdp.send('Target.getTargetInfo');
  await pageCdp.detach();
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.grantPermissions', { origin, permissions: ['durableStorage'], browserContextId: targetInfo.browserContextId });
  return cdp;
}

/** Counts the page's calls to navigator.storage.persist() (passing them through) in window.__persistCalls. */
export async function countPersistCalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    const w = window as unknown as { __persistCalls: number };
    w.__persistCalls = 0;
    storage.persist = () => {
      w.__persistCalls++;
      return persist();
    };
  });
}

export function persistCalls(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls);
}
