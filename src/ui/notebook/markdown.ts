import MarkdownIt from 'markdown-it';

/**
 * Markdown for prose cells, rendered so that nothing in the text can run or reach the network:
 * raw HTML is escaped (html: false), links show their text and address but do not navigate away
 * by accident (target _blank is not used; only #anchors and relative links stay links), and
 * images from anywhere but the app's own files or data: URLs become their alt text.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

const SAFE_LINK = /^(#|\.{0,2}\/(?!\/))/;
const SAFE_IMAGE = /^(data:image\/(png|gif|jpe?g|webp);|\.{0,2}\/(?!\/))/;

md.renderer.rules['image'] = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = md.utils.escapeHtml(token.content);
  if (!SAFE_IMAGE.test(src)) return `<span class="blocked-image" title="${md.utils.escapeHtml(src)}">[${alt}]</span>`;
  return `<img src="${md.utils.escapeHtml(src)}" alt="${alt}">`;
};

type RenderRule = NonNullable<typeof md.renderer.rules['text']>;
const renderToken: RenderRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);

md.renderer.rules['link_open'] = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if (SAFE_LINK.test(href)) return renderToken(tokens, idx, options, env, self);
  token.meta = { blocked: true };
  return `<span class="external-link" title="${md.utils.escapeHtml(href)}">`;
};
// links cannot nest in Markdown: the nearest link_open before a link_close is its own
md.renderer.rules['link_close'] = (tokens, idx, options, env, self) => {
  let open = idx - 1;
  while (open >= 0 && tokens[open]!.type !== 'link_open') open--;
  return (tokens[open]?.meta as { blocked?: boolean } | null)?.blocked ? '</span>' : renderToken(tokens, idx, options, env, self);
};

/** Markdown text → HTML that carries no script, no raw HTML and no request to another host. */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
