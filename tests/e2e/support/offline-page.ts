// A page in a browser context of its own that nothing can leave: every request to another host is
// recorded and refused, and every dialog is recorded and dismissed, so a test of untrusted
// content can assert that it made no outside request and ran nothing.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export async function offlinePage(browser: Browser, contexts: BrowserContext[], outside: string[]): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    outside.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}
