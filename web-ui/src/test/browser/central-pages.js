// Checks a central node's pages in a real headless Chromium; run by CentralPagesBrowserTest.
//   node central-pages.js URL SCREENSHOT_DIR USER PASSWORD
// Two sites (site-a: the demo plant; site-b: another plant with its own lines and time zone), edge b
// dead: the live page shows both sites with a site filter and site b's points stale with the
// reason; the overview and the consumption page show the chosen site's own figures (equal to the
// API's for that site) and switch site with the selector; the devices page lists edge b offline.
// Prints one line per check and exits 1 on the first failure (after keeping a screenshot).
'use strict';
const path = require('path');
const { chromium } = require('playwright-core');

const [url, shots, user, password] = process.argv.slice(2);
const executablePath = process.env.WATTLINE_CHROMIUM || '/usr/bin/chromium';

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) throw new Error(what);
}

// A time as "2026-12-02 09:15:00" in a zone, formatted independently of the pages' own code
const zoned = (iso, zone) => new Date(iso).toLocaleString('sv-SE', { timeZone: zone, hour12: false });

const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

(async () => {
  const browser = await chromium.launch({ executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultNavigationTimeout(120000);
  context.setDefaultTimeout(120000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const shot = (name) => page.screenshot({ path: path.join(shots, name), fullPage: true });
  const json = (p) => page.evaluate(async (u) => (await fetch(u)).json(), p);
  // the consumption answers the pages themselves received, by site: a page's figure must be one of them
  const answers = { 'site-a': [], 'site-b': [] };
  page.on('response', async (r) => {
    const u = new URL(r.url());
    const site = u.searchParams.get('site');
    if (u.pathname === '/api/consumption' && u.searchParams.get('group') === 'line' && answers[site] && r.ok()) {
      answers[site].push(await r.json().catch(() => null));
    }
  });
  try {
    await page.goto(url + '/login');
    await page.fill('#username', user);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation({ waitUntil: 'commit', timeout: 90000 }), page.click('#sign-in')]);
    check(!page.url().includes('/login'), `signed in at the central (${page.url()})`);

    // --- live: both sites, a site filter, site b stale with its reason
    await page.goto(url + '/live?lang=en');
    await page.waitForFunction(() => document.querySelectorAll('tr.point[data-site="site-a"]').length > 0
      && document.querySelectorAll('tr.point[data-site="site-b"]').length > 0, null, { timeout: 60000 });
    const options = await page.$$eval('#site-filter option', (os) => os.map((o) => o.value));
    check(!(await page.locator('#site-filter').isHidden()) && options.includes('site-a') && options.includes('site-b'),
      `the live page has a site filter with both sites (${options.join(', ')})`);
    await page.waitForFunction(() => {
      const row = document.querySelector('tr.point[data-site="site-b"][data-id="hall-incomer.active_power"]');
      return row && row.querySelector('.q-UNCERTAIN') && row.querySelector('.q-reason');
    }, null, { timeout: 60000 });
    const reason = await page.textContent('tr.point[data-site="site-b"][data-id="hall-incomer.active_power"] .q-reason');
    check(/edge node edge-b offline \(NDEATH/.test(reason), `site b's power is stale with its reason: "${reason}"`);
    const rawReason = await page.getAttribute('tr.point[data-site="site-b"][data-id="hall-incomer.active_power"] .q-reason', 'title');
    const since = (rawReason.match(/since (\S+Z)/) || [])[1];
    check(since && reason.endsWith(`since ${zoned(since, 'Europe/Berlin')} (Europe/Berlin)`),
      `the reason's time is site b's Berlin time: "${reason}" (API: ${since})`);
    const goodA = await page.locator('tr.point[data-site="site-a"][data-id="main-incomer.active_power"] .q-GOOD').count();
    check(goodA === 1, 'site a\'s power stays GOOD');
    // each site's times in its own zone (site a Asia/Shanghai, site b Europe/Berlin), the zone named
    const liveTime = (site, id) => page.$eval(`tr.point[data-site="${site}"][data-id="${id}"]`, (r) => ({
      text: r.querySelector('td.c-time').textContent, iso: r.querySelector('td[data-time]').dataset.time }));
    const timeB = await liveTime('site-b', 'hall-incomer.active_power');
    const timeA = await liveTime('site-a', 'main-incomer.active_power');
    check(timeB.iso && timeB.text === `${zoned(timeB.iso, 'Europe/Berlin')} (Europe/Berlin)`,
      `site b's live time is in Berlin time: "${timeB.text}" for ${timeB.iso}`);
    check(timeA.iso && timeA.text === `${zoned(timeA.iso, 'Asia/Shanghai')} (Asia/Shanghai)`,
      `site a's live time is in Shanghai time: "${timeA.text}" for ${timeA.iso}`);
    await shot('central-live-both-sites.png');
    await page.selectOption('#site-filter', 'site-b');
    const shownSites = await page.$$eval('tr.point', (rs) => [...new Set(rs.filter((r) => !r.hidden
      && r.offsetParent !== null).map((r) => r.dataset.site))]);
    check(shownSites.length === 1 && shownSites[0] === 'site-b', `the filter shows site b alone (${shownSites})`);
    await shot('central-live-site-b-stale.png');

    // --- overview of site b: its own lines and figures, in its own zone
    await page.goto(url + '/?site=site-b&lang=en');
    await page.waitForFunction(() => document.getElementById('energy').dataset.value !== undefined
      && document.getElementById('energy').dataset.value !== '', null, { timeout: 90000 });
    check((await page.inputValue('#site')) === 'site-b', 'the overview shows the site chosen in the address');
    const siteOptions = await page.$$eval('#site option', (os) => os.map((o) => o.value));
    check(siteOptions.includes('site-a') && siteOptions.includes('site-b'), `the overview's site selector (${siteOptions})`);
    const tile = Number(await page.getAttribute('#energy', 'data-value'));
    const totalsB = answers['site-b'].filter(Boolean).map((r) => r.totals.find((x) => x.carrier === 'ELECTRICITY').value);
    check(tile > 0 && totalsB.some((v) => close(v, tile)),
      `site b's energy tile ${tile} kWh is site b's /api/consumption total (${totalsB})`);
    const ranking = JSON.parse(await page.getAttribute('#ranking-chart', 'data-lines'));
    const lines = ranking.map((r) => r[0]);
    check(lines.includes('press') && lines.includes('paint') && !lines.includes('line1'),
      `site b's ranking has its own lines (${lines})`);
    const zone = await page.evaluate(() => document.getElementById('zone') && document.getElementById('zone').textContent);
    const plantB = await json('/api/plant?site=site-b');
    check(plantB.timeZone === 'Europe/Berlin', `site b's plant model has its own zone (${plantB.timeZone}; header: ${zone})`);
    await shot('central-overview-site-b.png');

    // --- consumption: site a's rows, then site b's after choosing it
    await page.goto(url + '/consumption?site=site-a&group=line&lang=en');
    await page.waitForFunction(() => document.querySelectorAll('#rows tbody tr[data-group]').length > 0, null, { timeout: 90000 });
    const groupsA = await page.$$eval('#rows tbody tr[data-group]', (rs) => rs.map((r) => r.dataset.group));
    check(groupsA.includes('line1') && !groupsA.includes('press'), `site a's consumption by line (${groupsA})`);
    await shot('central-consumption-site-a.png');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.selectOption('#site', 'site-b')]);
    check(new URL(page.url()).searchParams.get('site') === 'site-b', `choosing site b puts it in the address (${page.url()})`);
    await page.waitForFunction(() => document.querySelectorAll('#rows tbody tr[data-group]').length > 0, null, { timeout: 90000 });
    const rowsB = await page.$$eval('#rows tbody tr[data-group]', (rs) => rs.map((r) => [r.dataset.group, Number(r.dataset.value)]));
    const groupsB = rowsB.map((r) => r[0]);
    check(groupsB.includes('press') && groupsB.includes('paint') && !groupsB.includes('line1'),
      `site b's consumption by line (${groupsB})`);
    const press = rowsB.find((r) => r[0] === 'press')[1];
    const apiPress = answers['site-b'].filter(Boolean).map((r) => (r.rows.find((x) => x.groupId === 'press') || {}).value);
    check(apiPress.some((v) => close(v, press)), `site b's press line ${press} kWh on the page is the API's (${apiPress})`);
    await shot('central-consumption-site-b.png');

    // --- devices: every site's edge nodes, edge b offline with its reason
    await page.goto(url + '/devices?lang=en');
    await page.waitForSelector('#fleet-nodes tr[data-site="site-b"]', { timeout: 60000 });
    const nodeB = await page.textContent('#fleet-nodes tr[data-site="site-b"]');
    const nodeA = await page.textContent('#fleet-nodes tr[data-site="site-a"]');
    check(/Offline/.test(nodeB) && /NDEATH/.test(nodeB), `edge b offline with its reason: ${nodeB}`);
    check(/Online/.test(nodeA), `edge a online: ${nodeA}`);
    const sinceB = await page.$eval('#fleet-nodes tr[data-site="site-b"] td[data-zone]',
      (td) => ({ text: td.textContent, iso: td.dataset.time }));
    check(sinceB.iso && sinceB.text === `${zoned(sinceB.iso, 'Europe/Berlin')} (Europe/Berlin)`,
      `edge b's offline-since time is in Berlin time: "${sinceB.text}" for ${sinceB.iso}`);
    check(/NDEATH, bdSeq \d+\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Europe\/Berlin\)/.test(nodeB),
      `edge b's reason names its time in Berlin time: ${nodeB}`);
    await shot('central-devices-edge-nodes.png');

    // --- alarms: every site's published alarms with a site column and filter
    await page.goto(url + '/alarms?lang=en');
    await page.waitForSelector('#fleet-alarms tr[data-site="site-a"]', { timeout: 60000 });
    const published = (await json('/api/fleet/alarms')).filter((x) => x.site === 'site-a').length;
    const listed = await page.locator('#fleet-alarms tr[data-site="site-a"]').count();
    check(published > 0 && listed === published, `the alarms page lists site a's ${published} published alarms (${listed})`);
    const filter = await page.$$eval('#fleet-alarms select option', (os) => os.map((o) => o.value));
    check(filter.includes('site-a'), `the alarms panel has a site filter (${filter})`);
    await shot('central-alarms.png');

    check(errors.length === 0, `no script errors on the central's pages ${errors.join(' | ')}`);
  } catch (e) {
    await shot('central-pages-failure.png').catch(() => {});
    console.log('FAIL ' + e.message);
    await browser.close();
    process.exit(1);
  }
  await browser.close();
})();
