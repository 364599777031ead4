// When a page of the web UI has drawn its data: what the accessibility and phone-layout checks wait for
// instead of a fixed pause (a page checked before it has drawn passes without its tables and figures
// having been seen). Each test names what the page's own script puts in place once its first answer is in.
'use strict';

// path → [what is awaited, the selector of an element that exists only once the page has drawn]
const MARKS = {
  '/': ['the comparison table', '#compare tbody tr'],
  '/live': ['the point rows', '#points-body tr.point'],
  '/trends': ['the point list', '#points option'],
  '/consumption': ['the report table', '#rows thead tr'],
  '/flow': ['the flow rows', '#flows tr[data-target]'],
  '/devices': ['the device groups', '#groups > *'],
  '/device.html?id=main-incomer': ['the device\'s points', '#points tbody tr'],
  '/alarms': ['the journal', '#journal tbody tr'],
  '/reports.html': ['the report definitions', '#definitions-body tr:not(.placeholder)'],
  '/screen?rotate=0': ['the active alarm count', '#s-alarms:not(:empty)'],
};

/**
 * Waits until the page at `path` (without its ?lang=) has drawn, at most `timeoutMs`; then two animation frames so
 * that what was drawn is laid out. Returns null when it has, else what it never drew. A path without a mark
 * (a new page) throws: add its mark here.
 */
async function wait(page, path, timeoutMs = 45000) {
  const mark = MARKS[path];
  if (!mark) throw new Error(`drawn.js has no mark for ${path}: add what the page draws once its data is in`);
  const [what, selector] = mark;
  try {
    await page.waitForSelector(selector, { state: 'attached', timeout: timeoutMs });
    if (path === '/screen?rotate=0') {
      await page.waitForFunction(() => document.getElementById('s-alarms').textContent !== '—', null,
        { timeout: timeoutMs });
    }
  } catch (e) {
    return `${what} (${selector}) not drawn within ${timeoutMs / 1000} s`;
  }
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return null;
}

module.exports = { wait, MARKS };
