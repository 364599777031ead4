// Wattline reports page: the configured reports, a run for any period on demand, and the archive of
// every run with its files to download. Plain JavaScript, no build step (the plant network is offline).
'use strict';

(function () {
  const TEXT = {
    en: {
      title: 'Reports', definitions: 'Configured reports', archive: 'Archive', show: 'Show',
      allReports: 'all reports', colName: 'Report', colType: 'Type', colSchedule: 'Schedule',
      colFormats: 'Formats', colRun: 'Run for a period', colPeriod: 'Period', colGenerated: 'Generated',
      colBy: 'By', colFiles: 'Files', colDelivered: 'Delivered', loading: 'Loading…', run: 'Run',
      rerun: 'Run again', running: 'Running…', onDemand: 'on demand only', none: 'No report is configured: add a reports: section to the plant file (docs/reports.md).',
      noRuns: 'No run yet.', ran: 'Report generated: ', failed: 'The report could not be run: ',
      loadFailed: 'Could not load the reports: ', login: 'Your session has ended: log in again.',
      forbidden: 'Your role may not do this (running a report needs the engineer role).',
      periodNeeded: 'Enter the period first: ', footer: 'Every run and download is recorded in the audit log. Times are shown in the plant\'s time zone.',
      zone: 'Time zone: ', langButton: '中文', kb: 'KB', scheduled: 'scheduled', on_demand: 'on demand', catch_up: 'catch-up', command: 'command line',
      types: { 'shift-summary': 'Shift summary', daily: 'Daily', 'monthly-cost': 'Monthly cost allocation',
        'meter-readings': 'Billing meter readings', 'energy-review': 'Monthly energy review' },
    },
    zh: {
      title: '报表', definitions: '已配置报表', archive: '报表归档', show: '显示',
      allReports: '全部报表', colName: '报表', colType: '类型', colSchedule: '计划',
      colFormats: '格式', colRun: '按周期生成', colPeriod: '周期', colGenerated: '生成时间',
      colBy: '生成人', colFiles: '文件', colDelivered: '投递', loading: '加载中…', run: '生成',
      rerun: '重新生成', running: '生成中…', onDemand: '仅按需生成', none: '未配置报表：请在工厂配置文件中添加 reports: 段（见 docs/reports.md）。',
      noRuns: '尚无生成记录。', ran: '报表已生成：', failed: '报表生成失败：',
      loadFailed: '报表加载失败：', login: '登录已失效，请重新登录。',
      forbidden: '您的角色无权执行此操作（生成报表需要工程师角色）。',
      periodNeeded: '请先填写周期：', footer: '每次生成和下载都记入审计日志。时间按工厂时区显示。',
      zone: '时区：', langButton: 'EN', kb: 'KB', scheduled: '定时', on_demand: '按需', catch_up: '补生成', command: '命令行',
      types: { 'shift-summary': '班次能耗汇总', daily: '能源日报', 'monthly-cost': '月度成本分摊',
        'meter-readings': '结算表抄表', 'energy-review': '月度能源评审' },
    },
  };

  const state = {
    lang: (new URLSearchParams(location.search).get('lang') || localStorage.getItem('wattline.lang')) === 'zh'
      ? 'zh' : 'en',
    zone: undefined,
    data: null,
  };
  const $ = (id) => document.getElementById(id);
  const t = (key) => TEXT[state.lang][key];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    });
    children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return e;
  }

  function say(text, kind) {
    const m = $('message');
    m.textContent = text;
    m.className = 'message' + (kind ? ' ' + kind : '');
  }

  function formatTime(iso) {
    if (!iso) return '';
    const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: state.zone, hour12: false, year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
    return parts;
  }

  // State-changing requests carry the CSRF token that the server sets as a cookie (Spring Security's
  // cookie token repository), so a page served by Wattline can post and a foreign page cannot.
  function csrfHeaders() {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return m ? { 'X-XSRF-TOKEN': decodeURIComponent(m[1]) } : {};
  }

  async function problem(response) {
    if (response.status === 401 || response.status === 403) {
      if (response.body) response.body.cancel().catch(() => {}); // give the connection back unread
      return t(response.status === 401 ? 'login' : 'forbidden');
    }
    try {
      const body = await response.json();
      return body.detail || body.message || body.title || `HTTP ${response.status}`;
    } catch (e) {
      return `HTTP ${response.status}`;
    }
  }

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!r.ok) throw new Error(await problem(r));
    return r.json();
  }

  // A sensible default period for each kind: the last closed month or day.
  function defaultPeriod(kind) {
    const now = new Date();
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: state.zone, year: 'numeric', month: '2-digit',
      day: '2-digit' }).format(now);
    const [y, m, d] = local.split('-').map(Number);
    if (kind === 'month') {
      const prev = new Date(Date.UTC(y, m - 2, 1));
      return prev.toISOString().slice(0, 7);
    }
    if (kind === 'day') {
      const prev = new Date(Date.UTC(y, m - 1, d - 1));
      return prev.toISOString().slice(0, 10);
    }
    return '';
  }

  async function run(def, input, button) {
    const period = input.value.trim();
    if (!period) {
      say(t('periodNeeded') + def.periodFormat, 'error');
      input.focus();
      return;
    }
    button.disabled = true;
    const label = button.textContent;
    button.textContent = t('running');
    say('');
    try {
      const r = await fetch(`api/reports/${encodeURIComponent(def.id)}/runs?period=${encodeURIComponent(period)}${siteParam('&')}`,
        { method: 'POST', headers: Object.assign({ Accept: 'application/json' }, csrfHeaders()),
          credentials: 'same-origin' });
      if (!r.ok) throw new Error(await problem(r));
      const archived = await r.json();
      say(t('ran') + `${archived.name} ${archived.period}`, 'ok');
      await load();
    } catch (e) {
      say(t('failed') + e.message, 'error');
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  function renderDefinitions() {
    const body = $('definitions-body');
    body.replaceChildren();
    const defs = state.data.definitions;
    if (defs.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, t('none'))));
      return;
    }
    for (const d of defs) {
      const input = el('input', { type: 'text', value: defaultPeriod(d.period), placeholder: d.periodFormat,
        'aria-label': `${t('colPeriod')} (${d.name})`, 'data-report': d.id });
      const button = el('button', { type: 'button', 'data-run': d.id }, t('run'));
      button.addEventListener('click', () => run(d, input, button));
      input.addEventListener('keydown', (e) => { if (e.key === 'Enter') run(d, input, button); });
      body.append(el('tr', { 'data-id': d.id },
        el('td', {}, d.name),
        el('td', {}, t('types')[d.type] || d.type),
        el('td', {}, d.schedule ? el('code', {}, d.schedule) : el('span', { class: 'muted' }, t('onDemand'))),
        el('td', {}, d.formats.join(', ').toUpperCase()),
        el('td', {}, input, ' ', button)));
    }
  }

  function renderRuns() {
    const body = $('runs-body');
    body.replaceChildren();
    const filter = $('run-filter').value;
    const runs = state.data.runs.filter((r) => !filter || r.definition === filter)
      .sort((a, b) => (b.generatedAt || '').localeCompare(a.generatedAt || ''));
    if (runs.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, t('noRuns'))));
      return;
    }
    for (const r of runs) {
      const files = r.files.map((f) => el('a', {
        href: `api/reports/runs/${encodeURIComponent(r.id)}/files/${encodeURIComponent(f.name)}${siteParam('?')}`,
        download: f.name, title: `SHA-256 ${f.sha256}` }, `${f.format.toUpperCase()} (${Math.max(1, Math.round(f.bytes / 1024))} ${t('kb')})`));
      const def = state.data.definitions.find((d) => d.id === r.definition);
      const again = el('button', { type: 'button' }, t('rerun'));
      if (def) {
        const hidden = el('input', { type: 'hidden', value: r.period });
        again.addEventListener('click', () => run(def, hidden, again));
      } else {
        again.disabled = true;
      }
      body.append(el('tr', { 'data-run': r.id },
        el('td', {}, r.name),
        el('td', {}, r.period),
        el('td', {}, formatTime(r.generatedAt), ' ', el('span', { class: 'muted' }, t(r.trigger) || r.trigger || '')),
        el('td', {}, r.generatedBy || ''),
        el('td', {}, files),
        el('td', {}, r.deliveries.length ? r.deliveries.join('; ') : el('span', { class: 'muted' }, '—')),
        el('td', {}, again)));
    }
  }

  function renderFilter() {
    const select = $('run-filter');
    const keep = select.value;
    select.replaceChildren(el('option', { value: '' }, t('allReports')),
      ...state.data.definitions.map((d) => el('option', { value: d.id }, d.name)));
    select.value = keep;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = 'Wattline · ' + t('title');
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    $('lang-toggle').textContent = t('langButton');
    // the accessible name holds the visible text (WCAG 2.5.3)
    $('lang-toggle').setAttribute('aria-label', `${t('langButton')} · Language / 语言`);
    if (state.zone) $('zone').textContent = t('zone') + state.zone;
    if (state.data) {
      renderFilter();
      renderDefinitions();
      renderRuns();
    }
  }

  // On a central node every site has its own reports (run over its InfluxDB history): ?site=
  // chooses, else the first site of the group. Elsewhere no site is sent.
  let site = null;
  const siteParam = (sep) => (site ? `${sep}site=${encodeURIComponent(site)}` : '');
  async function chooseSite() {
    // only a central node serves /api/fleet (the session says which node this is)
    const who = await fetch('api/session', { headers: { Accept: 'application/json' } });
    if (!who.ok || (await who.json()).node !== 'central') { if (!who.bodyUsed && who.body) who.body.cancel().catch(() => {}); return; }
    const r = await fetch('api/fleet/nodes', { headers: { Accept: 'application/json' } });
    if (!r.ok) { if (r.body) r.body.cancel().catch(() => {}); return; }
    const sites = [...new Set((await r.json()).map((n) => n.site))].sort();
    if (sites.length === 0) return;
    const wanted = new URLSearchParams(location.search).get('site');
    site = sites.includes(wanted) ? wanted : sites[0];
    const select = document.createElement('select');
    select.id = 'site';
    for (const s of sites) {
      const o = document.createElement('option');
      o.value = s;
      o.textContent = s;
      select.append(o);
    }
    select.value = site;
    select.addEventListener('change', () => { site = select.value; load().catch((e) => say(t('loadFailed') + e.message, 'error')); });
    $('defs-title').after(select);
  }

  async function load() {
    state.data = await getJson('api/reports' + siteParam('?'));
    renderFilter();
    renderDefinitions();
    renderRuns();
  }

  $('lang-toggle').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('wattline.lang', state.lang);
    applyLanguage();
  });
  $('run-filter').addEventListener('change', renderRuns);

  (async () => {
    applyLanguage();
    try {
      const plant = await getJson('api/plant');
      state.zone = plant.timeZone || undefined;
      applyLanguage();
      await chooseSite().catch((e) => console.error('site list', e));
      await load();
    } catch (e) {
      say(t('loadFailed') + e.message, 'error');
    }
  })();
})();
