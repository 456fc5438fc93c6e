/** The languages of the UI. */
export type Locale = 'zh' | 'en';

const STORAGE_KEY = 'tierbook.locale';

/** The browser's preferred language, Chinese or English. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh';
    if (l.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** The locale the user chose before, else the browser's. */
export function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'zh' || saved === 'en' ? saved : browserLocale();
}

/** Remembers the user's choice. */
export function saveLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}
