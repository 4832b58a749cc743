// Collects every console error and uncaught exception of the pages of a browser context, with the
// page it happened on, so one test can assert that no visited page had any.
import type { BrowserContext, Page } from 'playwright-core';

export interface PageError {
  page: string;
  kind: 'console' | 'pageerror';
  message: string;
}

export function watchPageErrors(page: Page, errors: PageError[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push({ page: page.url(), kind: 'console', message: message.text() });
  });
  page.on('pageerror', (error) => errors.push({ page: page.url(), kind: 'pageerror', message: error.message }));
}

/** Watches every page the context opens from now on. */
export function watchContextErrors(context: BrowserContext, errors: PageError[]): void {
  for (const page of context.pages()) watchPageErrors(page, errors);
  context.on('page', (page) => watchPageErrors(page, errors));
}

export function formatPageErrors(errors: PageError[]): string {
  return errors.map((e) => `${e.page}: ${e.kind}: ${e.message}`).join('\n');
}
