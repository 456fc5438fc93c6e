import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/ui/notebook/markdown';

describe('renderMarkdown', () => {
  it('renders prose, tables and code', () => {
    expect(renderMarkdown('# 对公客户\n\n*weights* and `code`')).toBe('<h1>对公客户</h1>\n<p><em>weights</em> and <code>code</code></p>\n');
  });

  it('lets no HTML or script through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nA <b onclick="x()">bold</b> word');
    expect(html).not.toMatch(/<script|<img|<b /);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps javascript: and other hosts out of links and images', () => {
    const html = renderMarkdown('[click](javascript:alert(1)) [site](https://evil.example/x) [local](#tiers) ![logo](https://evil.example/a.png) ![ok](./favicon.svg)');
    expect(html).not.toMatch(/href="javascript|href="https|src="https/);
    expect(html).toContain('<a href="#tiers">local</a>');
    expect(html).toContain('<span class="blocked-image" title="https://evil.example/a.png">[logo]</span>');
    expect(html).toContain('<img src="./favicon.svg" alt="ok">');
    expect(html).toContain('<span class="external-link" title="https://evil.example/x">site</span>');
  });
});
