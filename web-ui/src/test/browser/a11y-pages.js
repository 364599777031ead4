// Lists the WCAG 2.1 AA violations of every page (a developer's tool; UiPagesBrowserTest runs the
// same check).   node a11y-pages.js URL
'use strict';
const { chromium } = require('playwright-core');
const { violations, describe } = require('./a11y');
const drawn = require('./drawn');

const [url] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.WATTLINE_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(120000);
  await page.goto(url + '/login');
  await page.fill('#username', 'demo');
  await page.fill('#password', 'demo');
  await Promise.all([page.waitForNavigation({ waitUntil: 'commit' }), page.click('#sign-in')]);
  for (const p of ['/', '/live', '/trends', '/consumption', '/flow', '/devices', '/device.html?id=main-incomer', '/alarms',
    '/reports.html', '/screen?rotate=0', '/login']) {
    await page.goto(url + p);
    if (p !== '/login') {
      const notDrawn = await drawn.wait(page, p);
      if (notDrawn) console.log(`${p}: ${notDrawn}; checked as it is`);
    }
    const v = await violations(page);
    console.log(`${p}: ${v.length ? describe(v) : 'ok'}`);
  }
  await browser.close();
})();
