/**
 * Charts enter the report as inline SVG: the same Plot charts the app draws (an <svg>, or a
 * <figure> holding the SVG and its legend), serialised with
 * `outerHTML` in the page. The report must open offline and run nothing, so each SVG is checked
 * here before it is inlined: the namespace declarations (`xmlns="http://www.w3.org/2000/svg"`,
 * which inline SVG in HTML does not need) are removed so no address remains, and a chart carrying
 * a script, an event handler, a link or reference outside itself, or a foreign object is refused.
 */
const NAMESPACE = /\s+xmlns(:[\w-]+)?="[^"]*"/g;
// references inside the chart itself (`url(#clip)`, `href="#marker"`) are fine; anything else is not
const FORBIDDEN = /<script|<foreignObject|<iframe|<image|<img|<link|<object|<embed|<meta|<base|\son[a-z]+\s*=|href\s*=\s*(?!["']?#)|url\(\s*(?!["']?#)|@import|javascript:|https?:/i;

/**
 * The chart ready to inline, or null when it cannot be inlined safely. Plot returns an `<svg>`,
 * or a `<figure>` (the SVG with an HTML legend) when the chart has a legend: both are taken.
 */
export function inlineSvg(markup: string): string | null {
  const svg = markup.trim().replace(NAMESPACE, '');
  const root = /^<(svg|figure)[\s>]/i.exec(svg)?.[1];
  if (!root || !new RegExp(`</${root}>$`, 'i').test(svg)) return null;
  return FORBIDDEN.test(svg) ? null : svg;
}
