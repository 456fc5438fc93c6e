/** UI text of the screening view, English and Chinese (merged into the catalogs by messages.ts). */
export const screeningEn = {
  'screening.title': 'Screening',
};

export const screeningZh: Record<keyof typeof screeningEn, string> = {
  'screening.title': '筛选',
};
