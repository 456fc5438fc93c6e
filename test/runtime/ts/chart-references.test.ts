import { describe, expect, it } from 'vitest';
import { cssLoadsResource, decodeCssEscapes, externalReferences, type ElementLike } from '../../../src/runtime/ts/chart-references';

/** A stand-in element: a tag, attributes, text and children (what Plot's SVG is made of). */
function el(tagName: string, attributes: Record<string, string> = {}, children: ElementLike[] = [], text = ''): ElementLike {
  const descendants = (): ElementLike[] => children.flatMap((c) => [c, ...Array.from(c.querySelectorAll('*'))]);
  return {
    tagName,
    attributes: Object.entries(attributes).map(([name, value]) => ({ name, value })),
    textContent: text,
    querySelectorAll: () => descendants(),
  };
}

describe('CSS that loads a resource', () => {
  it('url(), image-set() and friends, quoted or not, any case', () => {
    for (const css of [
      'background-image: url(http://example.com/a.png)',
      "background: URL( 'https://example.com/a.png' )",
      'fill: url("//example.com/p.svg#g")',
      'background-image: image-set("http://example.com/a.png" 1x)',
      'background-image: -webkit-image-set(url(x.png) 1x)',
      'cursor: url(x.cur), auto',
      'url(http://example.com/p.svg#p)',
    ]) expect(cssLoadsResource(css), css).toBe(true);
  });

  it('through CSS escapes and comments, which CSS reads as the function', () => {
    expect(decodeCssEscapes('\\75 rl(x)')).toBe('url(x)');
    expect(decodeCssEscapes('u\\rl(x)')).toBe('url(x)');
    expect(cssLoadsResource('background: \\75 rl(http://example.com/a.png)')).toBe(true);
    expect(cssLoadsResource('background: u\\72 l(http://example.com/a.png)')).toBe(true);
    expect(cssLoadsResource('background: /* x */url(/* y */http://example.com/a.png)')).toBe(true);
  });

  it('not: a fragment of the same chart, colours, fonts, or words that merely contain the letters', () => {
    for (const css of ['clip-path: url(#plot-clip-1)', "fill: url('#grad')", 'fill: rgb(1, 2, 3)', 'font-family: system-ui; max-width: 100%', 'background-image: none', 'curl(x)', 'var(--c)']) {
      expect(cssLoadsResource(css), css).toBe(false);
    }
  });
});

describe('references out of a drawn chart', () => {
  it('lists a style, a fill and an <a href> that point elsewhere, anywhere in the tree', () => {
    const chart = el('svg', { style: 'background-image: url(http://example.com/s.png)', class: 'plot' }, [
      el('g', { 'clip-path': 'url(#clip)' }, [el('circle', { fill: 'url(http://example.com/f.svg#p)', r: '3' })]),
      el('a', { href: 'http://example.com/x' }, [el('text', {}, [], 'url(http://not-css.example)')]),
    ]);
    expect(externalReferences(chart)).toEqual([
      '<svg style="background-image: url(http://example.com/s.png)">',
      '<circle fill="url(http://example.com/f.svg#p)">',
      '<a href="http://example.com/x">',
    ]);
  });

  it('lists a <style> element whose text loads something, and passes a plain chart', () => {
    expect(externalReferences(el('svg', {}, [el('style', {}, [], '.p { background: url(http://example.com/x) }')]))).toEqual(['<style>.p { background: url(http://example.com/x) }</style>']);
    const plain = el('svg', { class: 'plot-1', fill: 'currentColor', viewBox: '0 0 640 400' }, [
      el('style', {}, [], ':where(.plot-1) { --plot-background: white; display: block; }'),
      el('g', { 'aria-label': 'dot', fill: 'none', stroke: 'steelblue', 'clip-path': 'url(#plot-clip-1)' }, [el('circle', { cx: '1', cy: '2', r: '3' })]),
      el('use', { href: '#plot-clip-1' }),
    ]);
    expect(externalReferences(plain)).toEqual([]);
  });
});
