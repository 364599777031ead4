// What the browser scripts share so that a slow or stuck page explains itself (ManyTabsBrowserTest,
// UiPagesBrowserTest): the time the test gave the script (WATTLINE_SCRIPT_BUDGET_MS, see
// BrowserScript.java), step timeouts that never outlast it, and, when a step times out or the budget is
// used up, what every open page was doing (address, connection state, its last console lines) and which
// requests were still unanswered. A script that ends because of its budget says so itself, before the
// test has to kill it.
'use strict';

const started = Date.now();
const budgetMs = Number(process.env.WATTLINE_SCRIPT_BUDGET_MS) || 600000;
// kept back from the budget to print the report and close the browser before the test's own deadline
const RESERVE_MS = 15000;
const deadline = started + budgetMs - RESERVE_MS;

/** Seconds since the script started, for every printed line: where the time went on a loaded machine. */
function elapsed() {
  return `+${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** A step's own timeout, cut to what is left of the budget (at least 1 s, so the step fails by name). */
function timeout(ms) {
  return Math.max(1000, Math.min(ms, deadline - Date.now()));
}

/** Resolves to what {@code promise} gives, or to {@code fallback} after {@code ms}: a report never hangs. */
function within(promise, ms, fallback) {
  let timer;
  return Promise.race([promise.catch((e) => `(${e.message.split('\n')[0]})`),
    new Promise((resolve) => { timer = setTimeout(() => resolve(fallback), ms); })])
    .finally(() => clearTimeout(timer));
}

class Watch {
  /** Follows every page and request of {@code context} from now on. */
  constructor(context) {
    this.pending = new Map(); // request -> sent at (ms)
    this.pages = new Map(); // page -> { name, console: [last lines] }
    this.count = 0;
    context.on('request', (r) => this.pending.set(r, Date.now()));
    context.on('requestfinished', (r) => this.pending.delete(r));
    context.on('requestfailed', (r) => this.pending.delete(r));
    context.on('page', (page) => this.follow(page));
    context.pages().forEach((page) => this.follow(page));
  }

  follow(page) {
    if (this.pages.has(page)) return;
    const seen = { name: `page ${++this.count}`, console: [] };
    this.pages.set(page, seen);
    const keep = (line) => {
      seen.console.push(`${elapsed()} ${line}`);
      if (seen.console.length > 12) seen.console.shift();
    };
    page.on('console', (m) => keep(`console.${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => keep(`pageerror: ${e.message}`));
    page.on('close', () => this.pages.delete(page));
  }

  /** Prints what every open page shows and every request still unanswered, each with its age. */
  async report(why) {
    console.log(`REPORT ${elapsed()} ${why}`);
    for (const [page, seen] of this.pages) {
      const state = await within(page.evaluate(() => {
        const conn = document.getElementById('conn-text');
        return `${document.readyState}, connection ${conn ? JSON.stringify(conn.textContent) : 'not drawn'}`
          + `, title ${JSON.stringify(document.title)}`;
      }), 3000, '(the page did not answer within 3 s)');
      console.log(`  ${seen.name} ${page.url()}: ${state}`);
      seen.console.forEach((line) => console.log(`    ${line}`));
    }
    const now = Date.now();
    if (this.pending.size === 0) console.log('  no request unanswered');
    this.pending.forEach((sentAt, r) => console.log(`  unanswered after ${now - sentAt} ms (sent at`
      + ` +${((sentAt - started) / 1000).toFixed(1)} s): ${r.method()} ${r.url()} [${r.resourceType()}]`));
  }

  /**
   * Waits until {@code fn(arg)} is true in {@code page}, at most {@code ms} (and never past the budget);
   * on a timeout fails naming {@code what} (the script's catch prints {@link #report}).
   */
  async until(page, what, fn, arg, ms) {
    const limit = timeout(ms);
    try {
      // polled by a timer, whether or not the tab draws frames
      await page.waitForFunction(fn, arg, { timeout: limit, polling: 250 });
    } catch (e) {
      if (e.name !== 'TimeoutError') throw e;
      throw new Error(`timed out after ${limit} ms (${elapsed()}) waiting for: ${what}`);
    }
  }

  /**
   * Asks {@code probe()} (an API call, say) once a second until it answers truthy, at most {@code ms}
   * (never past the budget); on a timeout fails naming {@code what} and the last answer.
   */
  async poll(what, probe, ms) {
    const limit = timeout(ms);
    const until = Date.now() + limit;
    let answer;
    for (;;) {
      answer = await probe();
      if (answer) return answer;
      if (Date.now() + 1000 > until) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`timed out after ${limit} ms (${elapsed()}) waiting for: ${what} (last answer ${JSON.stringify(answer)})`);
  }

  /**
   * Ends the script when its budget is used up, whatever step it is stuck in (a page that never
   * loads, a browser that does not close): prints the report, then exits 1.
   */
  guard(browser) {
    const timer = setTimeout(async () => {
      console.log(`FAIL the script's budget of ${budgetMs} ms (WATTLINE_SCRIPT_BUDGET_MS) is used up`);
      setTimeout(() => process.exit(1), RESERVE_MS / 2).unref();
      await within(this.report('budget used up'), RESERVE_MS / 3, null);
      await within(browser.close(), RESERVE_MS / 6, null);
      process.exit(1);
    }, Math.max(0, deadline - Date.now()));
    timer.unref();
  }
}

module.exports = { Watch, elapsed, timeout };
