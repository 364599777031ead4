// WCAG 2.1 AA check of a page as it is now, with axe-core (npm) evaluated in the page through the
// DevTools protocol (so the application's Content-Security-Policy needs no exception for it).
'use strict';
const fs = require('fs');

const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The page's violations: [{ id, impact, help, nodes: ['selector: what is wrong', …] }]. */
async function violations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(source);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').split('\n').slice(1, 2).join('').trim()}`) }));
  }, TAGS);
}

/** One line per violation, with its first three places. */
function describe(list) {
  return list.map((v) => `${v.id} ×${v.nodes.length} (${v.help}): ${v.nodes.slice(0, 3).join(' | ')}`).join('\n  ');
}

/**
 * Tabs through the page from the top: every element that takes focus, in order, with whether it
 * shows a visible focus indicator (outline or box shadow).
 */
async function tabOrder(page, presses) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  const seen = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
      return { tag: e.tagName.toLowerCase(), href: e.getAttribute('href'), id: e.id, visible };
    }));
  }
  return seen.filter(Boolean);
}

module.exports = { violations, describe, tabOrder };
