/** UI text of the profile view, English and Chinese (merged into the catalogs by messages.ts). */
export const profileEn = {
  'profile.title': 'Profile',
};

export const profileZh: Record<keyof typeof profileEn, string> = {
  'profile.title': '客户画像',
};
