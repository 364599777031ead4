// Checks sign-in and the live page in a real headless Chromium; run by LivePageBrowserTest.
//   node live-page.js URL SCREENSHOT_DIR VIEWER_USER VIEWER_PASSWORD
// The demo's documented user (demo/demo) signs in; a wrong password is refused with an error; the
// viewer does not see the import action.
// Prints one line per check and exits 1 on the first failure (after keeping a screenshot).
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [url, shots, viewer, viewerPassword] = process.argv.slice(2);
const executablePath = process.env.WATTLINE_CHROMIUM || '/usr/bin/chromium';

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) throw new Error(what);
}

(async () => {
  const browser = await chromium.launch({ executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  async function signIn(user, password) {
    await page.fill('#username', user);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'commit', timeout: 90000 }), page.click('#sign-in')]);
  }
  try {
    await page.goto(url + '?lang=en');
    check(page.url().includes('/login'), `an anonymous visit lands on the login page (${page.url()})`);
    check((await page.locator('#demo-user').count()) === 1, 'the demo login page names the demo user');
    await page.screenshot({ path: path.join(shots, 'login-page.png') });
    await signIn('demo', 'not-the-password');
    check(await page.locator('#login-error').isVisible(), 'a wrong password shows an error');
    await page.screenshot({ path: path.join(shots, 'login-error.png') });
    await signIn('demo', 'demo');
    check(!page.url().includes('/login'), `the demo user is signed in (${page.url()})`);
    await page.goto(url + '?lang=en');
    await page.waitForFunction(() => document.getElementById('conn-text').textContent === 'Live', null,
      { timeout: 30000 });
    check(true, 'connection indicator shows Live');
    await page.waitForFunction(() => document.querySelectorAll('tr.point .q-GOOD').length >= 30, null,
      { timeout: 30000 });
    const good = await page.locator('tr.point .q-GOOD').count();
    check(good >= 30, `${good} rows show GOOD`);
    const meters = await page.locator('tr.meter .meter-name').allTextContents();
    check(meters.some((m) => m.includes('总进线')), `meter headers keep Chinese names: ${meters.slice(0, 3).join(', ')}`);
    const powerCell = page.locator('tr.point[data-id="main-incomer.active_power"] td.c-value');
    const before = await powerCell.textContent();
    // the demo's meters change every poll: wait for the cell to change (up to 30 s) instead of a fixed pause
    await page.waitForFunction((old) => document.querySelector(
      'tr.point[data-id="main-incomer.active_power"] td.c-value').textContent !== old, before, { timeout: 30000 })
      .catch(() => { });
    const after = await powerCell.textContent();
    check(before !== after, `main-incomer.active_power updates live (${before} → ${after})`);
    await page.screenshot({ path: path.join(shots, 'live-page-en.png') });

    await page.click('#lang-toggle');
    const header = await page.locator('th.c-point').textContent();
    check(header === '测点', `language toggle switches the headers to Chinese (${header})`);
    check((await page.textContent('#conn-text')) === '实时', 'connection indicator in Chinese');
    await page.screenshot({ path: path.join(shots, 'live-page-zh.png') });

    await page.fill('#filter', 'boiler');
    const visible = await page.locator('tr.point:not(.hidden)').count();
    const all = await page.locator('tr.point').count();
    check(visible > 0 && visible < all, `filter narrows the table (${visible} of ${all})`);
    await page.waitForSelector('#session-user');
    check((await page.textContent('#session-user')).includes('demo'), 'the page names the signed-in user');
    check(await page.locator('#import-action').isVisible(), 'the demo user (admin) sees the import action');
    check(errors.length === 0, `no script or console errors ${JSON.stringify(errors)}`);

    await Promise.all([page.waitForNavigation({ waitUntil: 'commit', timeout: 90000 }), page.click('#logout')]);
    check(page.url().includes('/login'), `signing out returns to the login page (${page.url()})`);
    await page.goto(url + '?lang=en');
    check(page.url().includes('/login'), 'after signing out the live page needs a login again');

    await signIn(viewer, viewerPassword);
    await page.goto(url + '?lang=en');
    await page.waitForSelector('#session-user');
    await page.waitForFunction(() => document.querySelectorAll('tr.point .q-GOOD').length >= 30, null,
      { timeout: 30000 });
    check((await page.textContent('#session-user')).includes('viewer'), 'the viewer is signed in and sees live values');
    check((await page.locator('#import-action').count()) === 0, 'a viewer does not see the import action');
    await page.screenshot({ path: path.join(shots, 'live-page-viewer.png') });
  } catch (e) {
    await page.screenshot({ path: path.join(shots, 'live-page-failure.png') }).catch(() => {});
    console.log('FAIL ' + e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
