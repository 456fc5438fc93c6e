/**
 * A chart a cell returned is drawn by Observable Plot on the page, and some of what a cell passes
 * reaches the SVG as CSS: Plot's `style` option becomes a style attribute, and a constant or
 * identity-scaled `fill`/`stroke` of `url(...)` becomes a paint-server reference. Either makes the
 * page load an image from wherever the cell says (measured: `style: 'background-image:
 * url(http://…)'` and `fill: 'url(http://…)'` both did, and only the CSP's img-src stopped them).
 * So a drawn chart is checked before it is shown, whatever path a value took into it, and a chart
 * that refers to anything outside itself is refused with a message in its cell.
 */

/** The part of a DOM element the check reads (an SVG from Plot in the page; fakes in tests). */
export interface ElementLike {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly textContent: string | null;
  querySelectorAll(selectors: string): ArrayLike<ElementLike>;
}

/** Attributes whose value is an address; only a reference within the chart (`#id`) is allowed. */
const ADDRESS_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'background', 'poster', 'data']);

/**
 * Attributes read as CSS, where a url() or image function loads a resource: the style attribute and
 * SVG presentation attributes that take a URL.
 */
const CSS_ATTRIBUTES: ReadonlySet<string> = new Set(['style', 'fill', 'stroke', 'filter', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'cursor']);

/** CSS functions that load a resource. */
const LOADING_FUNCTION = /(?:^|[^\w-])(?:-webkit-)?(?:url|image-set|image|cross-fade|element|src)\s*\(\s*(['"]?)\s*(.?)/gi;

/**
 * True when CSS text would load something other than a fragment of the same document. CSS escapes
 * (`\75 rl(`) and comments are undone first, since CSS reads `u\72l(` as `url(`.
 */
export function cssLoadsResource(css: string): boolean {
  const text = decodeCssEscapes(css).replace(/\/\*[\s\S]*?(\*\/|$)/g, '');
  for (const match of text.matchAll(LOADING_FUNCTION)) {
    if (match[2] !== '#') return true;
  }
  return false;
}

/** Undoes CSS escapes: `\` + 1–6 hex digits (+ one optional space) is a code point, `\` + any other character is that character. */
export function decodeCssEscapes(css: string): string {
  return css.replace(/\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|([\s\S]))/gi, (_all, hex: string | undefined, char: string | undefined) => {
    if (hex === undefined) return char ?? '';
    const code = Number.parseInt(hex, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

/**
 * What in a drawn chart refers to a resource outside it, as `<tag attribute="value">` lines (empty
 * when nothing does): addresses that are not `#fragments`, CSS that loads something, and
 * <style> elements whose text does.
 */
export function externalReferences(root: ElementLike): string[] {
  const found: string[] = [];
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const tag = element.tagName.toLowerCase();
    for (const { name, value } of Array.from(element.attributes)) {
      const key = name.toLowerCase();
      const outside = ADDRESS_ATTRIBUTES.has(key) ? !value.trim().startsWith('#') : CSS_ATTRIBUTES.has(key) && cssLoadsResource(value);
      if (outside) found.push(`<${tag} ${name}="${value}">`);
    }
    if (tag === 'style' && cssLoadsResource(element.textContent ?? '')) found.push(`<style>${element.textContent ?? ''}</style>`);
  }
  return found;
}
