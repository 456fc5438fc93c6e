/**
 * GBK encoding in the browser without shipping a table. `TextEncoder` only writes UTF-8, but every
 * browser's `TextDecoder('gbk')` (and Node's, with full ICU) reads GBK, so the encoder's table is
 * built once, on first use, by decoding every two-byte sequence (lead 0x81–0xFE, trail 0x40–0xFE
 * except 0x7F) and recording which character each gives. That is GB18030 without its four-byte
 * sequences, which is what GBK means in practice; the lowest sequence wins where two decode to the
 * same character. The single byte 0x80 is taken too where the platform reads it (€ in CP936, which
 * is what Excel on Chinese Windows reads).
 *
 * A character outside GBK (𠮷, an emoji) has no bytes: the caller reports it and offers UTF-8,
 * never writes a silent `?`.
 */

/** Where each character goes: BMP characters in a flat array (0 = none), others in a map. */
interface GbkTable {
  readonly bmp: Uint16Array;
  readonly astral: ReadonlyMap<number, number>;
}

let cached: GbkTable | undefined;

/** The reverse table, built on first use (~25k decodes, tens of milliseconds) and kept. */
function table(): GbkTable {
  if (cached) return cached;
  // throws RangeError where the platform has no GBK decoder (a Node built without full ICU)
  const decoder = new TextDecoder('gbk');
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<number, number>();
  const record = (text: string, code: number) => {
    const cp = text.codePointAt(0);
    // one character, not the replacement one (an undefined sequence decodes to U+FFFD, possibly
    // followed by the trail byte read as ASCII)
    if (cp === undefined || cp === 0xfffd || String.fromCodePoint(cp) !== text) return;
    if (cp < 0x80) return;
    if (cp <= 0xffff) {
      if (bmp[cp] === 0) bmp[cp] = code;
    } else if (!astral.has(cp)) astral.set(cp, code);
  };
  const one = new Uint8Array(1);
  one[0] = 0x80;
  record(decoder.decode(one), 0x80);
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      record(decoder.decode(pair), (lead << 8) | trail);
    }
  }
  cached = { bmp, astral };
  return cached;
}

/** The GBK code of a code point (a byte < 0x100 or a two-byte code), or 0 if it has none. */
function codeOf(t: GbkTable, cp: number): number {
  if (cp < 0x80) return cp;
  return cp <= 0xffff ? (t.bmp[cp] ?? 0) : (t.astral.get(cp) ?? 0);
}

/** The first character (whole code point) of `text` that GBK cannot encode, or undefined. */
export function firstNotGbk(text: string): string | undefined {
  const t = table();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 && codeOf(t, cp) === 0) return ch;
  }
  return undefined;
}

/**
 * `text` in GBK bytes, or the first character GBK cannot encode and its index (UTF-16) in `text`.
 * A lone surrogate is such a character.
 */
export function encodeGbk(text: string): { ok: true; bytes: Uint8Array } | { ok: false; char: string; index: number } {
  const t = table();
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    const code = codeOf(t, cp);
    if (code === 0 && cp !== 0) return { ok: false, char: String.fromCodePoint(cp), index: i };
    if (code > 0xff) out[n++] = code >> 8;
    out[n++] = code & 0xff;
    if (cp > 0xffff) i++; // the low surrogate of the pair
  }
  return { ok: true, bytes: out.subarray(0, n) };
}
