import type { Page } from 'playwright-core';
import type { ProxyLog, ProxyRecord } from './proxy-log';

/**
 * Checks for hostile content that got further than text: a dialog a payload opened, markup a
 * payload made (anywhere in the page, shadow roots included), and CSP refusals. Shared by the
 * adversarial-notebook and hostile-content tests.
 */

/** Records (and dismisses) every alert/confirm/prompt the page opens. A payload that ran opens one. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return dialogs;
}

/**
 * Elements in the live page, shadow roots included, that only injected markup would make: any
 * inline event-handler attribute (Lit binds events with listeners, never `on…` attributes), a
 * `javascript:` address (href, src, action…), a script outside the document head, frames,
 * objects, forms, a meta refresh, and an external address in an image, link or SVG reference. Each is described
 * as `<tag attr="value">` with the path of shadow hosts it sits in.
 */
export function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const origin = location.origin;
    const external = (value: string) => {
      try {
        return new URL(value, location.href).origin !== origin && !/^(data|blob):/i.test(value.trim());
      } catch {
        return false;
      }
    };
    const visit = (root: Document | ShadowRoot, path: string) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        const here = `${path}<${tag}>`;
        for (const { name, value } of Array.from(el.attributes)) {
          const key = name.toLowerCase();
          const address = ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'srcset'].includes(key);
          // `javascript:` only matters where it is an address: as a title or an option's value it is text
          if (key.startsWith('on') || (address && (/^\s*javascript:/i.test(value) || external(value)))) found.push(`${here} ${name}="${value}"`);
        }
        const inHead = el.closest('head') !== null;
        if ((tag === 'script' && !inHead) || ['iframe', 'frame', 'object', 'embed', 'form', 'base'].includes(tag) || (tag === 'meta' && el.hasAttribute('http-equiv') && !inHead)) {
          found.push(`${here} (element)`);
        }
        if (el.shadowRoot) visit(el.shadowRoot, `${here} › `);
      }
    };
    visit(document, '');
    return found;
  });
}

/** The CSP refusals the proxy recorded since `mark` (csp-reports.ts). */
export async function cspReports(log: ProxyLog, mark?: number): Promise<ProxyRecord[]> {
  return (await log.since(mark)).filter((r) => r.kind === 'csp-report');
}
