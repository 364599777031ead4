// Walks every entry of the navigation bar by clicking it, as a user does (issue 12: every page
// reachable from the overview's navigation), on whichever layout the page has (desktop, or the phone's
// scrolling strip at 390×844): each click lands on its page, whose heading is the expected one, with
// no script or console error. Used by ui-pages.js.
'use strict';
const path = require('path');

// the English heading (the first h1) of every page the navigation links, by link
const HEADINGS = {
  '/': 'Overview', '/live': 'Live points', '/trends': 'Trends', '/consumption': 'Consumption and cost',
  '/flow': 'Energy flow', '/devices': 'Devices', '/alarms': 'Alarm console', '/reports.html': 'Configured reports',
  '/screen': 'Energy today',
};

/**
 * Clicks every navigation entry from the overview, each in a tab of its own at {@code viewport} (a
 * step starts from a settled overview, as a user clicks: no request of the step before is in flight);
 * {@code check} as ui-pages.js's.
 */
async function walk(context, url, layout, viewport, shots, check) {
  let hrefs = null;
  for (let i = 0; hrefs === null || i < hrefs.length; i++) {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // a failed resource is counted by its response, which names it; leaving a page aborts its live
    // stream: that is navigation, not an error
    page.on('console', (m) => {
      if (m.type() === 'error' && !/ERR_ABORTED|^Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    // the one refusal pages meet on a node that is not a fleet central: the site selector and the alarm
    // console ask /api/fleet/nodes and /api/fleet/alarms, which exist only with --role central
    // (docs/api.md), and show nothing of the fleet on the 404
    page.on('response', (r) => {
      const where = new URL(r.url()).pathname;
      if (r.status() >= 400 && !(r.status() === 404 && where.startsWith('/api/fleet/'))) errors.push(`${r.status()} ${where}`);
    });
    try {
      await page.goto(url + '/?lang=en');
      await page.evaluate(() => localStorage.setItem('wattline.lang', 'en'));
      await page.waitForSelector('#nav a');
      // the overview has its figures: none of its requests is still in flight when the link is clicked
      await page.waitForFunction(() => document.getElementById('energy').dataset.value !== undefined
        && document.getElementById('devices').dataset.value !== undefined);
      if (hrefs === null) {
        hrefs = await page.$$eval('#nav a', (as) => as.map((a) => a.getAttribute('href')));
        check(Object.keys(HEADINGS).every((h) => hrefs.includes(h)), `${layout}: the navigation has every page (${hrefs.join(' ')})`);
      }
      const href = hrefs[i];
      errors.length = 0;
      const link = page.locator(`#nav a[href="${href}"]`);
      await link.scrollIntoViewIfNeeded();
      check(await link.isVisible(), `${layout}: the navigation entry ${href} can be seen`);
      await Promise.all([page.waitForURL((u) => new URL(u).pathname === href, { waitUntil: 'commit' }), link.click()]);
      const expected = HEADINGS[href];
      await page.waitForFunction((text) => { const h = document.querySelector('h1'); return h && h.textContent.trim() === text; },
        expected).catch(() => {});
      const heading = await page.evaluate(() => { const h = document.querySelector('h1'); return h ? h.textContent.trim() : null; });
      check(heading === expected, `${layout}: ${href} opens from the navigation with its heading "${heading}" (expected "${expected}")`);
      // the page's own scripts ran: its navigation is drawn (the big screen has none)
      if (href !== '/screen') await page.waitForSelector('#nav a');
      await page.waitForLoadState('load');
      check(errors.length === 0, `${layout}: ${href} has no console or script errors ${JSON.stringify(errors)}`);
      await page.screenshot({ path: path.join(shots, `nav-${layout}${href === '/' ? '-overview' : href.replace('/', '-').replace('.html', '')}.png`) });
    } finally {
      await page.close();
    }
  }
}

module.exports = { walk, HEADINGS };
