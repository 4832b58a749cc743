// The console-error watcher the "no page has a console error" test relies on: it must see errors,
// or that test could never fail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { watchContextErrors, type PageError } from './page-errors.ts';

describe('watchContextErrors', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test('records console.error calls and uncaught exceptions of every page of the context, but not other console output', async () => {
    const context = await browser.newContext();
    const errors: PageError[] = [];
    watchContextErrors(context, errors);
    const page = await context.newPage();
    await page.setContent(`<script>console.log('fine'); console.warn('careful'); console.error('broken thing');</script><script>setTimeout(() => { throw new Error('kaboom'); });</script>`);
    await page.waitForTimeout(200);
    await context.close();
    assert.deepEqual(
      errors.map((e) => [e.kind, e.message]),
      [
        ['console', 'broken thing'],
        ['pageerror', 'kaboom'],
      ],
    );
  });
});
