// Opens GraphiQL at argv[2] in headless Chromium, runs the default query
// and prints what happened as JSON: console errors, requests that left
// the server's origin, and the start of the result. Run by
// TestGraphiQLInBrowser with playwright-core from web/node_modules.
const [, , url, playwrightPath] = process.argv;
const { chromium } = await import(playwrightPath);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const origin = new URL(url).origin;
const out = { errors: [], foreign: [], result: '' };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => { if (m.type() === 'error') out.errors.push(m.text()); });
  page.on('pageerror', (e) => out.errors.push('pageerror: ' + e.message));
  page.on('request', (r) => { if (!r.url().startsWith(origin + '/')) out.foreign.push(r.url()); });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForSelector('.graphiql-container', { timeout: 20000 });
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => /"data"/.test(document.querySelector('.result-window')?.innerText || ''), null, { timeout: 20000 });
  out.result = await page.evaluate(() => document.querySelector('.result-window').innerText);
} catch (e) {
  out.errors.push('check: ' + e.message);
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
