/**
 * Names the user's system and Excel accept. A group is named after a value from the data (an account
 * manager's name), which can hold anything: `/` would make a folder in a ZIP, `CON` cannot be
 * created on Windows, `..` means something else everywhere, and Excel refuses sheet names with `[`
 * or longer than 31 characters. Names are made safe and unique here, once, for files and sheets.
 */

/** Windows forbids these in file names; control characters are forbidden or invisible everywhere. */
const FILE_FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f]/g;
/** Excel forbids these in sheet names. */
const SHEET_FORBIDDEN = /[[\]:*?/\\\u0000-\u001f\u007f-\u009f]/g;
/** Invisible characters that reorder or hide text (`名单\u202Excod.exe` shows as `名单exe.docx`). */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Device names Windows reserves, with or without an extension (`CON`, `con.csv`, `LPT1`). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Characters in a file name (before the extension): short enough for every system and for eyes. */
export const MAX_FILE_CHARS = 100;
/**
 * UTF-8 bytes in a file name (before the extension): ext4 and APFS allow 255 bytes and a Chinese
 * character takes 3, so 100 of them would not fit; 240 leaves room for `.xlsx`.
 */
const MAX_FILE_BYTES = 240;
/** Excel's limit on a sheet name (UTF-16 units). */
export const MAX_SHEET_CHARS = 31;

/**
 * Safe, unique file names (without extension) for the given names, in order: forbidden and control
 * characters become `_`, invisible ones go, leading dots and blanks and trailing dots and blanks
 * go, Windows device names get a `_`, at most {@link MAX_FILE_CHARS} characters, duplicates (ignoring
 * case, as Windows and macOS do) numbered `name (2)`, `name (3)`. An empty result becomes `fallback`.
 */
export function fileNames(names: readonly string[], fallback = '_'): string[] {
  const fit = (name: string, suffix: string) =>
    trimEnds(truncate(name, MAX_FILE_CHARS - suffix.length, MAX_FILE_BYTES - suffix.length)) + suffix;
  return numberDuplicates(names.map((n) => safeFileName(n, fallback)), fit);
}

/** One safe file name, not yet unique among others (see {@link fileNames}). */
export function safeFileName(name: string, fallback = '_'): string {
  let safe = replaceLoneSurrogates(name.normalize('NFC')).replace(INVISIBLE, '').replace(FILE_FORBIDDEN, '_');
  safe = trimEnds(truncate(trimEnds(safe), MAX_FILE_CHARS, MAX_FILE_BYTES));
  if (safe === '') safe = trimEnds(fallback) || '_';
  const dot = safe.indexOf('.');
  const stem = dot < 0 ? safe : safe.slice(0, dot);
  return RESERVED.test(stem.trimEnd()) ? `${stem}_${safe.slice(stem.length)}` : safe;
}

/**
 * Sheet names Excel accepts, unique ignoring case (as Excel compares them), in order: no
 * `[ ] : * ? / \` or control characters (each becomes `_`), no `'` at either end, not "History"
 * (Excel reserves it), at most 31 characters, duplicates numbered `name (2)`.
 */
export function sheetNames(names: readonly string[], fallback = 'Sheet'): string[] {
  const fit = (name: string, suffix: string) => truncate(name, MAX_SHEET_CHARS - suffix.length, Infinity, true).trimEnd() + suffix;
  return numberDuplicates(
    names.map((name) => {
      let safe = replaceLoneSurrogates(name).replace(INVISIBLE, '').replace(SHEET_FORBIDDEN, '_').trim();
      safe = truncate(safe.replace(/^'+|'+$/g, ''), MAX_SHEET_CHARS, Infinity, true).trim().replace(/'+$/, '');
      if (safe === '') safe = fallback;
      return safe.toLowerCase() === 'history' ? `${safe}_` : safe;
    }),
    fit,
  );
}

/** Later duplicates (ignoring case) get ` (2)`, ` (3)` …, fitted by `fit`, never equal to any earlier name. */
function numberDuplicates(names: readonly string[], fit: (name: string, suffix: string) => string): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(key(candidate)); n++) candidate = fit(name, ` (${n})`);
    used.add(key(candidate));
    return candidate;
  });
}

function key(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Leading dots and blanks (hidden files, `..`), trailing dots and blanks (Windows drops them). */
function trimEnds(name: string): string {
  return name.replace(/^[\s.]+|[\s.]+$/g, '');
}

/**
 * The longest start of `text` within `maxChars` characters and `maxBytes` UTF-8 bytes, never
 * splitting a surrogate pair; characters are code points, or UTF-16 units if `utf16` (Excel's count).
 */
function truncate(text: string, maxChars: number, maxBytes: number, utf16 = false): string {
  let chars = 0;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    chars += utf16 ? ch.length : 1;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (chars > maxChars || bytes > maxBytes) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** Lone surrogates (half of a broken character) as `_`: no file system or XML takes them. */
function replaceLoneSurrogates(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '_');
}
