import { describe, expect, it } from 'vitest';
import type { StorageErrorKind } from '../../../src/notebook/storage';
import { StorageError, toStorageError } from '../../../src/notebook/storage/storage-error';
import { message } from '../../../src/ui/i18n/messages';
import { storageReasonKey } from '../../../src/ui/notebook/storage-health';

const KINDS: StorageErrorKind[] = ['quota', 'unavailable', 'not-found', 'unknown'];

describe('a storage failure as the toolbar words it', () => {
  it('says a full quota in the user\'s language, not the browser\'s English message', () => {
    const quota = toStorageError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(quota.kind).toBe('quota');
    const reason = (locale: 'en' | 'zh') => message(locale, storageReasonKey(quota.kind));
    expect(message('en', 'nb.saveFailed', { message: reason('en') })).toBe(
      'Could not save: the browser storage for Tierbook is full. Your work is kept in this page; download it to keep a copy.',
    );
    expect(message('zh', 'nb.saveFailed', { message: reason('zh') })).toBe('无法保存：浏览器为 Tierbook 分配的存储空间已满。您的内容仍保留在此页面中；请下载以保存副本。');
  });

  it('has distinct words for every kind, and no Latin words but Tierbook in Chinese', () => {
    for (const locale of ['en', 'zh'] as const) {
      const texts = KINDS.map((kind) => message(locale, storageReasonKey(kind)));
      expect(new Set(texts).size).toBe(KINDS.length);
    }
    for (const kind of KINDS) expect(message('zh', storageReasonKey(kind)).replace('Tierbook', '')).not.toMatch(/[A-Za-z]/);
  });

  it('says that nothing is being saved when the store could not open', () => {
    const kind = new StorageError('unavailable', 'private mode').kind;
    expect(message('en', 'storage.closed', { reason: message('en', storageReasonKey(kind)) })).toBe(
      'Notebooks are not being saved: browser storage is not available in this window. Download the notebook to keep a copy.',
    );
    expect(message('zh', 'storage.closed', { reason: message('zh', storageReasonKey(kind)) })).toBe('笔记本目前无法保存：此窗口中无法使用浏览器存储。请下载笔记本以保存副本。');
  });
});
