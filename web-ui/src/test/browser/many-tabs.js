// Checks that many tabs of Wattline in one browser all stay live; run by ManyTabsBrowserTest.
//   node many-tabs.js BASE_URL SCREENSHOT_DIR
// A browser opens at most six HTTP/1.1 connections to one host: if every tab held its own
// Server-Sent Events streams, the seventh tab would never load. The pages share one stream per URL
// across the browser's tabs (a SharedWorker), so ten tabs (live, overview, alarms: eleven streams
// if each had its own) all load, show Live, update, and a tab opened last still loads at once.
// Prints one line per check and exits 1 on the first failure (after keeping a screenshot), with the
// state of every page and the unanswered requests (script-watch.js), within WATTLINE_SCRIPT_BUDGET_MS.
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');
const { Watch, elapsed, timeout } = require('./script-watch');

const [base, shots] = process.argv.slice(2);
const executablePath = process.env.WATTLINE_CHROMIUM || '/usr/bin/chromium';

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what} (${elapsed()})`);
  if (!ok) throw new Error(what);
}

(async () => {
  const browser = await chromium.launch({ executablePath, timeout: timeout(180000),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // on a timeout: every page's state and console, every request still unanswered (which resource hung)
  const watch = new Watch(context);
  watch.guard(browser);
  let last = null;
  try {
    const login = await context.newPage();
    await login.goto(base + '/login?lang=en', { timeout: timeout(30000) });
    await login.fill('#username', 'demo', { timeout: timeout(30000) });
    await login.fill('#password', 'demo', { timeout: timeout(30000) });
    await Promise.all([login.waitForNavigation({ waitUntil: 'commit', timeout: timeout(90000) }),
      login.click('#sign-in', { timeout: timeout(30000) })]);
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
      await page.goto(base + p + '?lang=en', { timeout: timeout(30000) });
      await watch.until(page, `tab ${i + 1} (${p}) shows Live`, () => document.getElementById('conn-text')
        && document.getElementById('conn-text').textContent === 'Live', null, 30000);
      check(errors.length === 0, `tab ${i + 1} (${p}) loaded and shows Live${errors.length ? ': ' + errors.join('; ') : ''}`);
      tabs.push({ page, p });
    }
    // every live tab keeps updating (the shared stream reaches every tab, not only the first): each
    // tab's main incomer power changes (the demo's power moves with every scan); waited for, not slept
    const cell = 'tr.point[data-id="main-incomer.active_power"] td.c-value';
    const changed = (page, what, before) => watch.until(page, what,
      ([selector, was]) => { const e = document.querySelector(selector); return e && e.textContent !== was; },
      [cell, before], 30000);
    const lives = tabs.filter((t) => t.p === '/live');
    const before = await Promise.all(lives.map((t) => t.page.textContent(cell, { timeout: timeout(30000) })));
    await Promise.all(lives.map((t, i) => changed(t.page, `live tab ${i + 1} updates`, before[i])));
    const after = await Promise.all(lives.map((t) => t.page.textContent(cell, { timeout: timeout(30000) })));
    lives.forEach((t, i) => check(before[i] !== after[i], `live tab ${i + 1} updates (${before[i]} → ${after[i]})`));
    // closing tabs gives their streams back, the others stay live
    for (const t of tabs.slice(0, 5)) await t.page.close();
    const extra = await context.newPage();
    last = extra;
    await extra.goto(base + '/live?lang=en', { timeout: timeout(30000) });
    await watch.until(extra, 'the tab opened after closing five shows Live',
      () => document.getElementById('conn-text').textContent === 'Live', null, 30000);
    const b2 = await extra.textContent(cell, { timeout: timeout(30000) });
    await changed(extra, 'a tab opened after closing five updates', b2);
    const a2 = await extra.textContent(cell, { timeout: timeout(30000) });
    check(b2 !== a2, `a tab opened after closing five still updates (${b2} → ${a2})`);
    await extra.screenshot({ path: path.join(shots, 'many-tabs-live.png') });
    await browser.close();
  } catch (e) {
    if (last) await last.screenshot({ path: path.join(shots, 'many-tabs-failure.png'), timeout: 10000 }).catch(() => {});
    console.log(`FAIL ${e.message} (${elapsed()})`);
    await watch.report('after the failure');
    await browser.close();
    process.exit(1);
  }
})();
