import { createStaticServer } from './src/build/static-server.ts';
import { launchChromium } from './tests/e2e/support/chromium.ts';
const server = createStaticServer('dist', '/');
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const port = (server.address() as any).port;
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
for (const [i, u] of process.argv.slice(2).entries()) {
  await page.goto(`http://127.0.0.1:${port}/${u}`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shot-${i}.png`, fullPage: false });
}
await browser.close();
server.close();
