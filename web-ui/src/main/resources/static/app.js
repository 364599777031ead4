// Wattline live points page: loads the plant and the latest values, then follows the SSE stream.
// Plain JavaScript, no build step and no CDN: the page must work on an offline plant network.
'use strict';

(function () {
  const TEXT = {
    en: {
      title: 'Live points', filter: 'Filter meters and points', onlyProblems: 'Only problems',
      colPoint: 'Point', colQuantity: 'Quantity', colValue: 'Value', colUnit: 'Unit',
      colQuality: 'Quality', colTime: 'Time', loading: 'Loading…',
      noPoints: 'No points configured.', loadFailed: 'Could not load points: ',
      connLive: 'Live', connConnecting: 'Connecting', connOffline: 'Offline',
      connSince: 'Last event ', points: 'points', good: 'good', uncertain: 'uncertain', bad: 'bad',
      noData: 'no data', footer: 'Values update live over Server-Sent Events. Times are shown in the plant\'s time zone.',
      quality: { GOOD: 'GOOD', UNCERTAIN: 'UNCERTAIN', BAD: 'BAD', NONE: 'NO DATA' },
      plantTime: 'Plant time', langButton: '中文', zone: 'Time zone: ', allSites: 'All sites', site: 'Site ',
    },
    zh: {
      title: '实时测点', filter: '筛选表计或测点', onlyProblems: '仅显示异常',
      colPoint: '测点', colQuantity: '物理量', colValue: '数值', colUnit: '单位',
      colQuality: '质量', colTime: '时间', loading: '加载中…',
      noPoints: '未配置测点。', loadFailed: '加载测点失败：',
      connLive: '实时', connConnecting: '连接中', connOffline: '已断开',
      connSince: '最后事件 ', points: '个测点', good: '良好', uncertain: '可疑', bad: '故障',
      noData: '无数据', footer: '数值通过 Server-Sent Events 实时更新。时间按工厂时区显示。',
      quality: { GOOD: '良好', UNCERTAIN: '可疑', BAD: '故障', NONE: '无数据' },
      plantTime: '工厂时间', langButton: 'EN', zone: '时区：', allSites: '全部厂区', site: '厂区 ',
    },
  };

  // Quantity names of the shared vocabulary (core Quantity) in Chinese, as plant staff say them.
  const QUANTITY_ZH = {
    ACTIVE_POWER: '有功功率', ACTIVE_POWER_L1: 'A相有功功率', ACTIVE_POWER_L2: 'B相有功功率',
    ACTIVE_POWER_L3: 'C相有功功率', REACTIVE_POWER: '无功功率', APPARENT_POWER: '视在功率',
    POWER_FACTOR: '功率因数', VOLTAGE_L1_N: 'A相电压', VOLTAGE_L2_N: 'B相电压', VOLTAGE_L3_N: 'C相电压',
    VOLTAGE_L1_L2: 'AB线电压', VOLTAGE_L2_L3: 'BC线电压', VOLTAGE_L3_L1: 'CA线电压',
    CURRENT_L1: 'A相电流', CURRENT_L2: 'B相电流', CURRENT_L3: 'C相电流', CURRENT_N: '零线电流',
    FREQUENCY: '频率', ACTIVE_ENERGY_IMPORT: '正向有功电能', ACTIVE_ENERGY_EXPORT: '反向有功电能',
    REACTIVE_ENERGY_IMPORT: '正向无功电能', REACTIVE_ENERGY_EXPORT: '反向无功电能',
    VOLUME_FLOW: '体积流量', VOLUME: '累计体积', MASS_FLOW: '质量流量', MASS: '累计质量',
    FLOW_VELOCITY: '流速', HEAT_POWER: '热功率', HEAT_ENERGY: '累计热量', TEMPERATURE: '温度',
    PRESSURE: '压力', RELATIVE_HUMIDITY: '相对湿度', PRODUCTION_COUNT: '产量计数', STATUS: '状态字',
    ALARM_WORD: '报警字',
  };

  function quantityText(q) {
    if (!q) return '';
    if (state.lang === 'zh' && QUANTITY_ZH[q]) return QUANTITY_ZH[q];
    return q.toLowerCase().replace(/_/g, ' ');
  }

  // Canonical ASCII units from the API rendered the way engineers write them.
  const UNIT_DISPLAY = { m3: 'm³', 'm3/h': 'm³/h', degC: '°C', kvar: 'kvar', kvarh: 'kvarh' };

  const state = {
    // ?lang=zh or ?lang=en in the address wins over the remembered choice (handy for shared links).
    lang: (new URLSearchParams(location.search).get('lang') || localStorage.getItem('wattline.lang')) === 'zh'
      ? 'zh' : 'en',
    zone: undefined,          // plant time zone, e.g. Asia/Shanghai
    meters: new Map(),        // meter id -> { name, path, carrier }
    rows: new Map(),          // row key (site|point id) -> { tr, valueTd, qualityTd, timeTd, sample }
    order: [],                // row keys in server order
    sites: [],                // the sites the points belong to; several on a central node
    siteZones: new Map(),     // site -> its plant's time zone, on a central node
    source: null,
    lastEventAt: null,
  };

  const $ = (id) => document.getElementById(id);
  // On a central node every site has the same point ids: a row is a site's point, a header a site's meter.
  const rowKey = (p) => (p.site || '') + '|' + p.id;
  const meterKey = (p) => (p.site || '') + '|' + p.meter;
  const t = (key) => TEXT[state.lang][key];

  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach((el) => {
      const v = t(el.dataset.i18n);
      if (typeof v === 'string') el.textContent = v;
    });
    document.querySelectorAll('td[data-quantity]').forEach((td) => {
      td.textContent = quantityText(td.dataset.quantity);
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    });
    $('lang-toggle').textContent = t('langButton');
    // the accessible name holds the visible text (WCAG 2.5.3)
    $('lang-toggle').setAttribute('aria-label', `${t('langButton')} · Language / 语言`);
    $('clock').title = t('plantTime');
    document.title = 'Wattline · ' + t('title');
    if (state.zone) $('zone').textContent = t('zone') + state.zone;
    for (const row of state.rows.values()) renderQuality(row);
    setConnection(state.connection || 'connecting');
    renderCounts();
  }

  function unitText(unit) {
    return unit ? (UNIT_DISPLAY[unit] || unit) : '';
  }

  function formatValue(v) {
    if (v === null || v === undefined) return '—';
    const a = Math.abs(v);
    const digits = a >= 10000 ? 1 : a >= 100 ? 2 : 3;
    return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  const timeFormat = (zone) => new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, hour12: false,
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  let timeFormatter = null;
  const siteFormatters = new Map(); // zone -> formatter, for a central's sites in zones of their own

  /** The time in the plant's zone, or in {@code zone} (a central's site in a zone of its own). */
  function formatTime(iso, zone) {
    if (!iso) return '—';
    if (!timeFormatter) timeFormatter = timeFormat(state.zone);
    let formatter = timeFormatter;
    if (zone && zone !== state.zone) {
      if (!siteFormatters.has(zone)) siteFormatters.set(zone, timeFormat(zone));
      formatter = siteFormatters.get(zone);
    }
    const d = new Date(iso);
    const parts = Object.fromEntries(formatter.formatToParts(d).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  }

  // A central node's sites each keep their own plant's zone (/api/plant?site=): a row's time is shown
  // in its site's zone, with the zone named when the sites' zones differ.
  const siteZone = (site) => (site && state.siteZones.get(site)) || state.zone;
  const zonesMix = () => new Set(state.sites.map(siteZone)).size > 1;

  // A stale reason names its instant in UTC as the API writes it ("... since 2026-12-02T08:00:05Z"):
  // shown in the site's zone like the row's time.
  const INSTANT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g;
  function localReason(reason, site) {
    const zone = siteZone(site);
    return reason.replace(INSTANT, (iso) => formatTime(iso, zone) + (zonesMix() ? ` (${zone})` : ''));
  }

  async function loadSiteZones(points) {
    const sites = [...new Set(points.map((p) => p.site).filter(Boolean))];
    if (sites.length < 2) return;
    await Promise.all(sites.filter((s) => !state.siteZones.has(s)).map(async (s) => {
      try {
        const plant = await getJson('api/plant?site=' + encodeURIComponent(s));
        state.siteZones.set(s, plant.timeZone || state.zone);
      } catch (e) {
        console.error(`the zone of site ${s}`, e); // its rows keep the central's zone, named
      }
    }));
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function buildTable(points) {
    const body = $('points-body');
    body.replaceChildren();
    state.rows.clear();
    state.order = [];
    if (points.length === 0) {
      const tr = el('tr', 'placeholder');
      const td = el('td', '', t('noPoints'));
      td.colSpan = 6;
      tr.append(td);
      body.append(tr);
      return;
    }
    let currentMeter = null;
    indexSites(points);
    for (const p of points) {
      if (meterKey(p) !== currentMeter) {
        currentMeter = meterKey(p);
        const info = state.meters.get(p.meter) || {};
        const tr = el('tr', 'meter');
        tr.dataset.meter = meterKey(p);
        tr.dataset.site = p.site || '';
        const td = el('td');
        td.colSpan = 6;
        if (state.sites.length > 1) td.append(el('span', 'meter-site', t('site') + p.site));
        // a device of this node opens its device page; a central node's meters of other sites have none here
        const device = state.sites.length > 1 ? el('span', 'meter-name', p.meterName || p.meter)
          : el('a', 'meter-name', p.meterName || p.meter);
        if (state.sites.length <= 1) device.href = '/device.html?id=' + encodeURIComponent(p.meter);
        td.append(device, el('span', 'meter-id', p.meter));
        if (info.path) td.append(el('span', 'meter-meta', info.path));
        const health = el('span', 'meter-health');
        td.append(health);
        tr.append(td);
        body.append(tr);
      }
      const tr = el('tr', 'point');
      tr.dataset.id = p.id;
      tr.dataset.meter = meterKey(p);
      tr.dataset.site = p.site || '';
      const pointTd = el('td', 'c-point');
      pointTd.append(el('code', '', p.point));
      const row = {
        tr,
        valueTd: el('td', 'c-value'),
        unitTd: el('td', 'c-unit', unitText(p.unit)),
        qualityTd: el('td', 'c-quality'),
        timeTd: el('td', 'c-time'),
        sample: p,
        search: `${p.site || ''} ${p.id} ${p.meterName || ''} ${p.quantity || ''}`.toLowerCase(),
      };
      const quantityTd = el('td', 'c-quantity', quantityText(p.quantity));
      quantityTd.dataset.quantity = p.quantity || '';
      tr.append(pointTd, quantityTd,
        row.valueTd, row.unitTd, row.qualityTd, row.timeTd);
      body.append(tr);
      state.rows.set(rowKey(p), row);
      state.order.push(rowKey(p));
      renderRow(row, false);
    }
    applyFilter();
  }

  function renderQuality(row) {
    const q = row.sample.quality || 'NONE';
    const span = el('span', 'q q-' + q, t('quality')[q] || q);
    if (row.sample.reason) span.title = row.sample.reason;
    else if (q === 'NONE') span.title = t('noData');
    row.qualityTd.replaceChildren(span);
    // on a central node a stale site says why in the row (an edge offline since when), not only in a tooltip
    if (state.sites.length > 1 && q !== 'GOOD' && row.sample.reason) {
      const reason = el('span', 'q-reason', localReason(row.sample.reason, row.sample.site));
      reason.title = row.sample.reason;
      row.qualityTd.append(reason);
    }
  }

  function renderRow(row, flash) {
    const s = row.sample;
    const text = formatValue(s.value);
    const changed = row.valueTd.textContent !== text;
    row.valueTd.textContent = text;
    row.valueTd.classList.toggle('none', s.value === null || s.value === undefined);
    row.tr.classList.toggle('bad', s.quality === 'BAD');
    row.tr.classList.toggle('uncertain', s.quality === 'UNCERTAIN');
    renderQuality(row);
    const zone = siteZone(s.site);
    row.timeTd.textContent = formatTime(s.time, zone) + (s.time && zonesMix() ? ` (${zone})` : '');
    row.timeTd.dataset.zone = zone || '';
    row.timeTd.title = s.time || '';
    row.valueTd.dataset.time = s.time || '';
    if (flash && changed) {
      row.valueTd.classList.add('flash');
      requestAnimationFrame(() => requestAnimationFrame(() => row.valueTd.classList.remove('flash')));
    }
  }

  let countsPending = false;
  function renderCounts() {
    if (countsPending) return;
    countsPending = true;
    requestAnimationFrame(() => {
      countsPending = false;
      let good = 0, uncertain = 0, bad = 0;
      const perMeter = new Map();   // meter id -> { total, bad, uncertain, reason }
      for (const r of state.rows.values()) {
        const q = r.sample.quality;
        if (q === 'GOOD') good++;
        else if (q === 'UNCERTAIN') uncertain++;
        else if (q === 'BAD') bad++;
        const m = perMeter.get(meterKey(r.sample)) || { total: 0, bad: 0, uncertain: 0, reason: '' };
        m.total++;
        if (q === 'BAD') m.bad++;
        if (q === 'UNCERTAIN') m.uncertain++;
        if ((q === 'BAD' || q === 'UNCERTAIN') && !m.reason) m.reason = r.sample.reason || '';
        perMeter.set(meterKey(r.sample), m);
      }
      renderMeterHealth(perMeter);
      const c = $('counts');
      // a polite live region: rewritten only when a count changes, so screen readers are not told every sample
      const key = `${state.lang} ${state.rows.size} ${good} ${uncertain} ${bad}`;
      if (c.dataset.key !== key) {
        c.dataset.key = key;
        c.replaceChildren(
          el('b', '', String(state.rows.size)), ' ' + t('points') + ' · ',
          el('b', '', String(good)), ' ' + t('good') + ' · ',
          el('b', uncertain ? 'n-uncertain' : '', String(uncertain)), ' ' + t('uncertain') + ' · ',
          el('b', bad ? 'n-bad' : '', String(bad)), ' ' + t('bad'));
      }
      if (document.getElementById('only-problems').checked) applyFilter();
    });
  }

  // A meter's header says at a glance how many of its points are not GOOD, and the first reason.
  function renderMeterHealth(perMeter) {
    document.querySelectorAll('tr.meter').forEach((tr) => {
      const m = perMeter.get(tr.dataset.meter);
      const span = tr.querySelector('.meter-health');
      if (!m || !span) return;
      span.replaceChildren();
      span.title = m.reason;
      if (m.bad) span.append(el('span', 'q q-BAD', `${m.bad}/${m.total} ${t('quality').BAD}`));
      if (m.uncertain) span.append(' ', el('span', 'q q-UNCERTAIN', `${m.uncertain}/${m.total} ${t('quality').UNCERTAIN}`));
    });
  }

  function applyFilter() {
    const needle = $('filter').value.trim().toLowerCase();
    const onlyProblems = $('only-problems').checked;
    const site = $('site-filter') ? $('site-filter').value : '';
    const visibleMeters = new Set();
    for (const row of state.rows.values()) {
      const problem = row.sample.quality !== 'GOOD';
      const show = (!needle || row.search.includes(needle)) && (!onlyProblems || problem)
        && (!site || row.sample.site === site);
      row.tr.classList.toggle('hidden', !show);
      if (show) visibleMeters.add(meterKey(row.sample));
    }
    document.querySelectorAll('tr.meter').forEach((tr) => {
      tr.classList.toggle('hidden', !visibleMeters.has(tr.dataset.meter));
    });
  }

  function setConnection(kind) {
    state.connection = kind;
    const conn = $('conn');
    conn.className = 'conn conn-' + kind;
    const key = kind === 'live' ? 'connLive' : kind === 'offline' ? 'connOffline' : 'connConnecting';
    $('conn-text').textContent = t(key);
    conn.title = state.lastEventAt ? t('connSince') + state.lastEventAt.toLocaleTimeString() : '';
    // While offline every value greys out (shell.css): its time column says how old it is.
    document.body.classList.toggle('offline', kind === 'offline');
  }

  function onSample(event) {
    state.lastEventAt = new Date();
    if (state.connection !== 'live') setConnection('live');
    let s;
    try {
      s = JSON.parse(event.data);
    } catch (e) {
      console.error('unparseable sample event', event.data, e);
      return;
    }
    const row = state.rows.get(rowKey(s));
    if (!row) return;
    // Events can overtake the initial snapshot; never step a row back in time.
    if (row.sample.time && s.time && s.time < row.sample.time) return;
    row.sample = s;
    renderRow(row, true);
    renderCounts();
  }

  // one stream per browser for all Wattline tabs (js/event-stream.js); a plain EventSource if that fails
  const streams = import('/js/event-stream.js')
    .then((m) => m.openEventStream, () => (url) => new EventSource(url));

  async function connectStream() {
    if (state.source) state.source.close();
    setConnection('connecting');
    const source = (await streams)('api/stream/points');
    state.source = source;
    source.addEventListener('sample', onSample);
    source.onopen = () => {
      setConnection('live');
      // After a reconnect, catch up on what changed while we were away.
      loadLatest().catch((e) => console.error('reload after reconnect failed', e));
    };
    source.onerror = () => {
      // The stream broke: say so at once (the values are no longer live). EventSource retries by
      // itself while CONNECTING; CLOSED means it gave up, so we retry.
      setConnection('offline');
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connectStream, 2000);
      }
    };
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      if (response.body) response.body.cancel().catch(() => {}); // give the connection back unread
      throw new Error(`${url}: HTTP ${response.status}`);
    }
    return response.json();
  }

  function indexPlant(plant) {
    $('plant-name').textContent = plant.name || '';
    state.zone = plant.timeZone || undefined;
    timeFormatter = timeFormat(state.zone);
    const walk = (node, path) => {
      for (const m of node.meters || []) {
        state.meters.set(m.id, { name: m.name, carrier: m.carrier, path: path.join(' › ') });
      }
      for (const key of ['sites', 'areas', 'lines', 'equipment']) {
        for (const child of node[key] || []) walk(child, key === 'sites' ? path : path.concat(child.name));
      }
    };
    walk(plant, []);
  }

  async function loadLatest() {
    const points = await getJson('api/points/latest');
    await loadSiteZones(points);
    if (state.order.length !== points.length || points.some((p, i) => state.order[i] !== rowKey(p))) {
      buildTable(points);
    } else {
      for (const p of points) {
        const row = state.rows.get(rowKey(p));
        // a central's point that turned stale keeps its time: its quality and reason still change
        if (!row.sample.time || (p.time && p.time >= row.sample.time) || p.quality !== row.sample.quality) {
          row.sample = p;
          renderRow(row, false);
        }
      }
    }
    renderCounts();
  }

  // Several sites (a central node): a site filter, and the table follows the broker's view by polling,
  // since a central collects nothing of its own to stream.
  function indexSites(points) {
    const sites = [...new Set(points.map((p) => p.site).filter(Boolean))];
    const changed = sites.join('|') !== state.sites.join('|');
    state.sites = sites;
    const select = $('site-filter');
    if (!select || !changed) return;
    select.replaceChildren(el('option', '', t('allSites')));
    select.firstChild.value = '';
    for (const s of sites) {
      const o = el('option', '', s);
      o.value = s;
      select.append(o);
    }
    select.hidden = sites.length < 2;
    select.value = new URLSearchParams(location.search).get('site') || '';
    if (sites.length > 1 && !state.poll) {
      state.poll = setInterval(() => loadLatest().catch((e) => console.error('reload failed', e)), 2000);
    }
  }

  function tickClock() {
    if (!timeFormatter) return;
    $('clock').textContent = formatTime(new Date().toISOString()).slice(11);
  }

  async function start() {
    $('lang-toggle').addEventListener('click', () => {
      state.lang = state.lang === 'en' ? 'zh' : 'en';
      localStorage.setItem('wattline.lang', state.lang);
      applyLanguage();
    });
    $('filter').addEventListener('input', applyFilter);
    // /live?filter=DEVICE (from the devices page) opens the table on one device's points
    $('filter').value = new URLSearchParams(location.search).get('filter') || '';
    $('only-problems').addEventListener('change', applyFilter);
    if ($('site-filter')) $('site-filter').addEventListener('change', applyFilter);
    applyLanguage();
    try {
      indexPlant(await getJson('api/plant'));
      applyLanguage();
      await loadLatest();
    } catch (e) {
      console.error(e);
      const body = $('points-body');
      const tr = el('tr', 'placeholder');
      const td = el('td', '', t('loadFailed') + e.message);
      td.colSpan = 6;
      tr.append(td);
      body.replaceChildren(tr);
    }
    tickClock();
    setInterval(tickClock, 1000);
    connectStream();
  }

  document.addEventListener('DOMContentLoaded', start);
}());
