import { describe, expect, it, vi } from 'vitest';
import { requestPersistence } from '../../../src/notebook/storage/persistence';

const estimate = async () => ({ usage: 1200, quota: 5_000_000 });

describe('requestPersistence', () => {
  it('is unsupported without navigator.storage or without persist()', async () => {
    expect(await requestPersistence(undefined)).toEqual({ status: 'unsupported', usage: null, quota: null });
    expect(await requestPersistence({ estimate })).toEqual({ status: 'unsupported', usage: 1200, quota: 5_000_000 });
  });

  it('reports granted without asking again when storage is already persistent', async () => {
    const persist = vi.fn(async () => false);
    expect(await requestPersistence({ persisted: async () => true, persist, estimate })).toMatchObject({ status: 'granted' });
    expect(persist).not.toHaveBeenCalled();
  });

  it('asks the browser and reports its answer', async () => {
    expect(await requestPersistence({ persisted: async () => false, persist: async () => true })).toEqual({ status: 'granted', usage: null, quota: null });
    expect(await requestPersistence({ persist: async () => false, estimate })).toEqual({ status: 'denied', usage: 1200, quota: 5_000_000 });
  });

  it('reports denied when asking fails, and no figures when estimating fails', async () => {
    const report = await requestPersistence({
      persist: async () => Promise.reject(new DOMException('insecure', 'SecurityError')),
      estimate: async () => Promise.reject(new Error('no')),
    });
    expect(report).toEqual({ status: 'denied', usage: null, quota: null });
  });

  it('uses navigator.storage by default, and copes with a runtime that has none', async () => {
    const report = await requestPersistence();
    expect(['granted', 'denied', 'unsupported']).toContain(report.status);
  });
});
