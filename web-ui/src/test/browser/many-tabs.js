// Checks that many tabs of Wattline in one browser all stay live; run by ManyTabsBrowserTest.
//   node many-tabs.js BASE_URL SCREENSHOT_DIR
// A browser opens at most six HTTP/1.1 connections to one host: if every tab held its own
// Server-Sent Events streams, the seventh tab would never load. The pages share one stream per URL
// across the browser's tabs (a SharedWorker), so ten tabs (live, overview, alarms: eleven streams
// if each had its own) all load, show Live, update, and a tab opened last still loads at once.
// Prints one line per check and exits 1 on the first failure (after keeping a screenshot).
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [base, shots] = process.argv.slice(2);
const executablePath = process.env.WATTLINE_CHROMIUM || '/usr/bin/chromium';

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) throw new Error(what);
}

(async () => {
  const browser = await chromium.launch({ executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // every request still unanswered, with when it started: printed when a check fails (which resource hung)
  const pending = new Map();
  const started = Date.now();
  context.on('request', (r) => pending.set(r, Date.now()));
  context.on('requestfinished', (r) => pending.delete(r));
  context.on('requestfailed', (r) => pending.delete(r));
  const showPending = () => [...pending.entries()].forEach(([r, t]) =>
    console.log(`  unanswered after ${Date.now() - t} ms (sent at +${t - started} ms): ${r.method()} ${r.url()}`
      + ` [${r.resourceType()}]`));
  let last = null;
  try {
    const login = await context.newPage();
    await login.goto(base + '/login?lang=en');
    await login.fill('#username', 'demo');
    await login.fill('#password', 'demo');
    await Promise.all([login.waitForNavigation({ waitUntil: 'commit', timeout: 90000 }), login.click('#sign-in')]);
    check(!login.url().includes('/login'), `signed in (${login.url()})`);
    await login.close();

    const paths = ['/live', '/', '/alarms', '/live', '/', '/alarms', '/live', '/', '/devices', '/live'];
    const tabs = [];
    for (const [i, p] of paths.entries()) {
      const page = await context.newPage();
      last = page;
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') console.log(`  tab ${i + 1} console: ${m.text()}`); });
      await page.goto(base + p + '?lang=en', { timeout: 30000 });
      await page.waitForFunction(() => document.getElementById('conn-text')
        && document.getElementById('conn-text').textContent === 'Live', null, { timeout: 30000 });
      check(errors.length === 0, `tab ${i + 1} (${p}) loaded and shows Live${errors.length ? ': ' + errors.join('; ') : ''}`);
      tabs.push({ page, p });
    }
    // every live tab keeps updating (the shared stream reaches every tab, not only the first)
    const cell = 'tr.point[data-id="main-incomer.active_power"] td.c-value';
    const lives = tabs.filter((t) => t.p === '/live');
    const before = await Promise.all(lives.map((t) => t.page.textContent(cell)));
    await lives[0].page.waitForTimeout(4000);
    const after = await Promise.all(lives.map((t) => t.page.textContent(cell)));
    lives.forEach((t, i) => check(before[i] !== after[i], `live tab ${i + 1} updates (${before[i]} → ${after[i]})`));
    // closing tabs gives their streams back, the others stay live
    for (const t of tabs.slice(0, 5)) await t.page.close();
    const extra = await context.newPage();
    last = extra;
    await extra.goto(base + '/live?lang=en', { timeout: 30000 });
    await extra.waitForFunction(() => document.getElementById('conn-text').textContent === 'Live', null, { timeout: 30000 });
    const b2 = await extra.textContent(cell);
    await extra.waitForTimeout(4000);
    const a2 = await extra.textContent(cell);
    check(b2 !== a2, `a tab opened after closing five still updates (${b2} → ${a2})`);
    await extra.screenshot({ path: path.join(shots, 'many-tabs-live.png') });
    await browser.close();
  } catch (e) {
    if (last) await last.screenshot({ path: path.join(shots, 'many-tabs-failure.png') }).catch(() => {});
    console.log('FAIL ' + e.message);
    showPending();
    await browser.close();
    process.exit(1);
  }
})();
