/**
 * UI text about the browser's storage, English and Chinese (merged into the catalogs by
 * messages.ts). A failed save is explained by its kind (StorageError.kind), not by the store's
 * English message, so a Chinese-speaking analyst reads why the save failed in Chinese; the
 * browser's own detail stays in the tooltip for support.
 */
export const storageEn = {
  'storage.quota': 'the browser storage for Tierbook is full',
  'storage.unavailable': 'browser storage is not available in this window',
  'storage.notFound': 'the notebook or version is no longer stored',
  'storage.unknown': 'the browser could not write to its storage',
  'storage.closed': 'Notebooks are not being saved: {reason}. Download the notebook to keep a copy.',
};

export const storageZh: Record<keyof typeof storageEn, string> = {
  'storage.quota': '浏览器为 Tierbook 分配的存储空间已满',
  'storage.unavailable': '此窗口中无法使用浏览器存储',
  'storage.notFound': '该笔记本或版本已不在存储中',
  'storage.unknown': '浏览器无法写入其存储',
  'storage.closed': '笔记本目前无法保存：{reason}。请下载笔记本以保存副本。',
};
