// The page shell every page shares: header with navigation, plant name and clock, connection
// state (Live / Offline within seconds of losing the stream, catch-up on reconnect), language
// switch (English / 简体中文), formatting in the plant's time zone. Plain ES module, no build step.

import { openEventStream } from './event-stream.js';

const NAV = [
  ['', 'navOverview'], ['live', 'navLive'], ['trends', 'navTrends'], ['consumption', 'navConsumption'],
  ['flow', 'navFlow'], ['devices', 'navDevices'], ['alarms', 'navAlarms'], ['reports.html', 'navReports'],
  ['screen', 'navScreen'],
];

const SHELL_TEXT = {
  en: {
    navOverview: 'Overview', navLive: 'Live points', navTrends: 'Trends', navConsumption: 'Consumption & cost',
    navFlow: 'Energy flow', navDevices: 'Devices', navAlarms: 'Alarms', navReports: 'Reports', navScreen: 'Big screen',
    connLive: 'Live', connConnecting: 'Connecting', connOffline: 'Offline', langButton: '中文',
    plantTime: 'Plant time', noData: 'no data', ago: 'ago', loadFailed: 'Could not load: ', menu: 'Menu',
    bands: { SHARP: 'Sharp peak', PEAK: 'Peak', FLAT: 'Flat', VALLEY: 'Valley', DEEP_VALLEY: 'Deep valley' },
    carriers: { ELECTRICITY: 'Electricity', WATER: 'Water', NATURAL_GAS: 'Natural gas', STEAM: 'Steam',
      COMPRESSED_AIR: 'Compressed air', HEAT: 'Heat', NONE: '—' },
  },
  zh: {
    navOverview: '总览', navLive: '实时测点', navTrends: '趋势', navConsumption: '能耗与成本',
    navFlow: '能流图', navDevices: '设备', navAlarms: '报警', navReports: '报表', navScreen: '大屏',
    connLive: '实时', connConnecting: '连接中', connOffline: '已断开', langButton: 'EN',
    plantTime: '工厂时间', noData: '无数据', ago: '前', loadFailed: '加载失败：', menu: '菜单',
    bands: { SHARP: '尖峰', PEAK: '峰', FLAT: '平', VALLEY: '谷', DEEP_VALLEY: '深谷' },
    carriers: { ELECTRICITY: '电', WATER: '水', NATURAL_GAS: '天然气', STEAM: '蒸汽', COMPRESSED_AIR: '压缩空气',
      HEAT: '热', NONE: '—' },
  },
};

export const state = {
  lang: (new URLSearchParams(location.search).get('lang') || localStorage.getItem('wattline.lang')) === 'zh'
    ? 'zh' : 'en',
  zone: undefined,
  plant: null,
  connection: 'connecting',
  lastEventAt: null,
};

let pageText = { en: {}, zh: {} };
let languageListeners = [];

/** The text of {@code key} in the current language: the page's own words first, then the shell's. */
/** The session's CSRF token as a header, for every state-changing request (docs/security.md). */
export function csrfHeaders() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return m ? { 'X-XSRF-TOKEN': decodeURIComponent(m[1]) } : {};
}

export function t(key) {
  const own = pageText[state.lang][key];
  return own !== undefined ? own : SHELL_TEXT[state.lang][key];
}

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

export const $ = (id) => document.getElementById(id);

/**
 * Gives a response's connection back without reading it: a browser keeps at most six connections to
 * one host, and an unread body (an error answer a page only looks at the status of) holds one until
 * garbage collection; enough of them and the next page never loads.
 */
export function release(response) {
  if (response && response.body && !response.bodyUsed) response.body.cancel().catch(() => {});
}

let session = null;
/** Who is signed in and this node's fleet role ({user, role, node}), asked once per page. */
export function sessionInfo() {
  if (!session) session = api('/api/session').catch(() => ({ node: 'all' }));
  return session;
}

/** True on a fleet central node (the only one serving /api/fleet/*). */
export async function isCentral() {
  return (await sessionInfo()).node === 'central';
}

export async function api(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let message = `${url}: HTTP ${response.status}`;
    try { message += ' ' + (await response.json()).message; } catch (e) { /* no JSON body */ }
    throw new Error(message);
  }
  return response.json();
}

const locale = () => (state.lang === 'zh' ? 'zh-CN' : 'en-GB');

/** A number with a fixed count of decimals, grouped per locale; '—' when absent. */
export function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return v.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Money rounded to the fen (0.01), with the plant's currency sign. */
export function money(v, currency = 'CNY') {
  if (v === null || v === undefined) return '—';
  return (currency === 'CNY' ? '¥' : currency + ' ') + num(Math.round(v * 100) / 100, 2);
}

const UNIT_DISPLAY = { m3: 'm³', 'm3/h': 'm³/h', degC: '°C', Nm3: 'Nm³', 'Nm3/h': 'Nm³/h' };
export const unit = (u) => (u ? (UNIT_DISPLAY[u] || u) : '');

/** Date and time in the plant's zone (or in {@code zone}, a central's site's own): 2026-12-02 08:00:00. */
export function time(iso, withSeconds = true, zone = state.zone) {
  if (!iso) return '—';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const hms = withSeconds ? `${parts.hour}:${parts.minute}:${parts.second}` : `${parts.hour}:${parts.minute}`;
  return `${parts.year}-${parts.month}-${parts.day} ${hms}`;
}

/** Midnight of the plant-local day of {@code date} (a Date), as a Date. */
export function plantMidnight(date, daysBack = 0) {
  const local = time(date.toISOString()).slice(0, 10);
  const offset = zoneOffsetMinutes(date);
  const d = new Date(local + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - daysBack);
  return new Date(d.getTime() - offset * 60000);
}

function zoneOffsetMinutes(date) {
  const local = time(date.toISOString());
  const asUtc = Date.parse(local.replace(' ', 'T') + 'Z');
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** "12 s" / "3 min" / "2 h" since {@code iso}. */
export function age(iso) {
  if (!iso) return '';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

export const carrierText = (c) => (t('carriers')[c] || c);
export const bandText = (b) => (t('bands')[b] || b);

/** Calls {@code fn} now and whenever the language changes. */
export function onLanguage(fn) {
  languageListeners.push(fn);
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((e) => {
    const v = t(e.dataset.i18n);
    if (typeof v === 'string') e.textContent = v;
  });
  document.querySelectorAll('[data-i18n-title]').forEach((e) => { e.title = t(e.dataset.i18nTitle); });
  const lang = $('lang-toggle');
  if (lang) {
    lang.textContent = t('langButton');
    // the accessible name holds the visible text (WCAG 2.5.3)
    lang.setAttribute('aria-label', `${t('langButton')} · Language / 语言`);
  }
  if (pageText[state.lang].title) document.title = 'Wattline · ' + t('title');
  setConnection(state.connection);
  languageListeners.forEach((fn) => fn());
}

function header(page, chrome) {
  const h = el('header', 'topbar shell');
  const brand = el('div', 'brand');
  brand.append(el('span', 'logo', 'W'), el('span', 'product', 'Wattline'));
  const plant = el('span', 'plant', state.plant ? state.plant.name : '');
  plant.id = 'plant-name';
  brand.append(plant);
  const nav = el('nav', 'nav');
  nav.setAttribute('aria-label', 'Wattline');
  nav.id = 'nav';
  for (const [path, key] of NAV) {
    const a = el('a', '', t(key));
    a.href = '/' + path;
    a.dataset.i18n = key;
    a.dataset.page = path || 'overview';
    if ((path || 'overview') === page) a.setAttribute('aria-current', 'page');
    nav.append(a);
  }
  const status = el('div', 'status');
  const conn = el('span', 'conn conn-connecting');
  conn.id = 'conn';
  conn.setAttribute('role', 'status');
  const dot = el('span', 'dot');
  dot.setAttribute('aria-hidden', 'true');
  const text = el('span', '', t('connConnecting'));
  text.id = 'conn-text';
  conn.append(dot, text);
  const clock = el('span', 'clock');
  clock.id = 'clock';
  const lang = el('button', 'lang', t('langButton'));
  lang.type = 'button';
  lang.id = 'lang-toggle';
  lang.addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    localStorage.setItem('wattline.lang', state.lang);
    applyLanguage();
  });
  const session = el('span', 'session');
  session.id = 'session';
  status.append(conn, clock, lang, session);
  h.append(brand, status);
  // who is signed in, sign-out, and the actions the role allows (docs/security.md)
  setTimeout(() => import('/session.js'), 0);
  if (chrome) h.append(nav);
  return h;
}

export function setConnection(kind) {
  state.connection = kind;
  const conn = $('conn');
  if (!conn) return;
  conn.className = 'conn conn-' + kind;
  $('conn-text').textContent = t(kind === 'live' ? 'connLive' : kind === 'offline' ? 'connOffline' : 'connConnecting');
  document.body.classList.toggle('offline', kind === 'offline');
}

/**
 * Follows the live sample stream (one per page, opened by {@link initPage}). The header turns
 * Offline as soon as the stream breaks (the browser retries by itself; we also retry every 2 s when
 * it gives up); on reconnect each page's {@code onCatchUp} reloads what changed meanwhile, without a
 * page reload. Pages register what they need here.
 */
const followers = [];
let streamOpened = false;

export function liveStream({ onSample, onCatchUp }) {
  followers.push({ onSample, onCatchUp });
  openStream();
}

function openStream() {
  if (streamOpened) return;
  streamOpened = true;
  let source = null;
  let everOpen = false;
  const connect = () => {
    if (source) source.close();
    source = openEventStream('/api/stream/points');
    source.addEventListener('sample', (e) => {
      state.lastEventAt = Date.now();
      if (state.connection !== 'live') setConnection('live');
      let sample;
      try { sample = JSON.parse(e.data); } catch (err) { console.error('bad sample event', err); return; }
      followers.forEach((f) => { if (f.onSample) f.onSample(sample); });
    });
    source.onopen = () => {
      setConnection('live');
      if (everOpen) followers.forEach((f) => { if (f.onCatchUp) f.onCatchUp(); });
      everOpen = true;
    };
    source.onerror = () => {
      setConnection('offline');
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
    };
  };
  connect();
}

/** Greys every [data-time] value while offline and shows its age next to it. */
function tickAges() {
  if (state.zone) $('clock').textContent = time(new Date().toISOString()).slice(11);
  const offline = state.connection === 'offline';
  document.querySelectorAll('[data-time]').forEach((e) => {
    const iso = e.dataset.time;
    let tag = e.querySelector(':scope > .age');
    if (!offline) { if (tag) tag.remove(); return; }
    if (!tag) { tag = el('small', 'age'); e.append(tag); }
    tag.textContent = ` ${age(iso)} ${t('ago')}`;
  });
}

/**
 * Sets up the page: its words ({@code text.en}, {@code text.zh}, with {@code title}), the header
 * (with navigation unless {@code chrome === false}), the plant. Returns the plant tree.
 */
export async function initPage({ page, text, chrome = true }) {
  pageText = text || { en: {}, zh: {} };
  try {
    state.plant = await api('/api/plant');
    state.zone = state.plant.timeZone || undefined;
  } catch (e) {
    console.error(e);
  }
  const h = header(page, chrome);
  document.body.prepend(h);
  applyLanguage();
  tickAges();
  setInterval(tickAges, 1000);
  openStream();
  return state.plant;
}

/** Every meter of the plant tree as { id, name, carrier, parentMeter, line, area }. */
export function meters(plant) {
  const out = [];
  const walk = (node, where) => {
    for (const m of node.meters || []) out.push({ ...m, ...where });
    for (const a of node.areas || []) walk(a, { area: a.id });
    for (const l of node.lines || []) walk(l, { ...where, line: l.id });
    for (const q of node.equipment || []) walk(q, { ...where, equipment: q.id });
  };
  for (const s of (plant && plant.sites) || []) walk(s, { site: s.id });
  for (const m of (plant && plant.meters) || []) out.push(m);
  return out;
}

/** An ECharts instance in {@code container}, resized with the window. */
export function chart(container) {
  // eslint-disable-next-line no-undef
  const c = echarts.init(container, null, { renderer: 'canvas' });
  window.addEventListener('resize', () => c.resize());
  return c;
}
