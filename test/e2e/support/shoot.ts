import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Saves a full-page PNG of `page` as the next numbered picture called `name`; returns its path. */
export type Shoot = (page: Page, name: string) => Promise<string>;

/**
 * A Shoot writing into `outDir` as 01-start.png, 02-loaded.png, …: numbered so a directory
 * listing reads in the order the steps ran. Names are kebab-case, so paths need no escaping.
 */
export function createShooter(outDir: string): Shoot {
  let count = 0;
  return async (page, name) => {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) throw new Error(`screenshot name must be kebab-case: ${JSON.stringify(name)}`);
    await mkdir(outDir, { recursive: true });
    count += 1;
    const path = join(outDir, `${String(count).padStart(2, '0')}-${name}.png`);
    // Fonts settle late; a picture taken before them differs from run to run.
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
    return path;
  };
}
