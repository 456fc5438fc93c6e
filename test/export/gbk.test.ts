import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeGbk, firstNotGbk } from '../../src/export/gbk.ts';

/** iconv-lite's GBK bytes of `ch` if it has a two-byte code that reads back as `ch`. */
function iconvPair(ch: string): Buffer | undefined {
  const bytes = iconv.encode(ch, 'gbk');
  return bytes.length === 2 && iconv.decode(bytes, 'gbk') === ch ? bytes : undefined;
}

describe('GBK encoder built from TextDecoder', () => {
  it('encodes every CJK unified ideograph GBK has exactly as iconv-lite does', () => {
    let compared = 0;
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
      const ch = String.fromCodePoint(cp);
      const expected = iconvPair(ch);
      const ours = encodeGbk(ch);
      if (expected === undefined) {
        expect(ours.ok, `U+${cp.toString(16)} outside iconv-lite's GBK`).toBe(false);
        continue;
      }
      if (!ours.ok) throw new Error(`U+${cp.toString(16)} not encoded`);
      expect(Buffer.from(ours.bytes).equals(expected), `U+${cp.toString(16)}`).toBe(true);
      compared++;
    }
    // GBK holds all 20,902 ideographs of U+4E00–U+9FA5 (GB 2312's 6,763 among them)
    expect(compared).toBeGreaterThanOrEqual(20_902);
  });

  it('encodes mixed text (ASCII, full-width punctuation, symbols, €) as iconv-lite does', () => {
    const text = '客户名称: 北京甲乙科技有限公司（集团）, 贷款余额 1,234.5 万元; 逾期≥90天 — №3 ×2 ±0.5% ①② € ￥ · “引号” 《书名》\t\r\n~';
    const ours = encodeGbk(text);
    expect(ours.ok).toBe(true);
    if (ours.ok) expect(Buffer.from(ours.bytes).toString('hex')).toBe(iconv.encode(text, 'gbk').toString('hex'));
    // and the platform's decoder reads it back
    if (ours.ok) expect(new TextDecoder('gbk').decode(ours.bytes)).toBe(text);
  });

  it('names the first character outside GBK as a whole code point, with its index', () => {
    expect(encodeGbk('ab𠮷c😀')).toEqual({ ok: false, char: '𠮷', index: 2 });
    expect(firstNotGbk('吉野家😀')).toBe('😀');
    expect(firstNotGbk('吉野家')).toBeUndefined();
    // a lone surrogate has no bytes either
    expect(encodeGbk('x\ud800').ok).toBe(false);
  });

  it('encodes ASCII, NUL included, as itself', () => {
    const ascii = String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i));
    const ours = encodeGbk(ascii);
    expect(ours.ok && [...ours.bytes]).toEqual(Array.from({ length: 128 }, (_, i) => i));
  });
});
