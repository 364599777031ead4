// Overview (landing page): plant power now, today's electricity and cost by tariff band, this
// month's maximum 15-minute demand, active alarms, devices, per-line ranking and comparisons.
// Every figure is the API's own (/api/points/latest, /api/consumption, /api/alarms, /api/devices);
// each tile keeps the raw figure in data-value so a test can compare it with the API.
import { siteSelector } from './fleet-panel.js';
import { $, api, bandText, chart, el, initPage, liveStream, meters, money, num, onLanguage, plantMidnight, state, t, time } from './shell.js';

const TEXT = {
  en: {
    title: 'Overview', power: 'Plant power now', energyToday: 'Electricity today', costToday: 'Cost today so far',
    demand: 'Max 15-min demand this month', alarms: 'Active alarms', devices: 'Devices online',
    ranking: 'Electricity by line today (ranking 能耗排名)', compare: 'Comparison (same hours so far)',
    offline: 'offline', online: 'online', at: 'at ', noContract: 'contracted maximum not configured',
    contracted: 'contracted maximum ',
    vsYesterday: 'vs yesterday (环比)', vsLastWeek: 'vs same day last week (同比)', current: 'today so far',
    previous: 'then', change: 'change', unassigned: 'unassigned', from: 'main meters: ',
  },
  zh: {
    title: '总览', power: '当前全厂功率', energyToday: '今日用电', costToday: '今日电费（截至目前）',
    demand: '本月最大15分钟需量', alarms: '活动报警', devices: '在线设备',
    ranking: '今日各产线用电（能耗排名）', compare: '同比 / 环比（截至同一时刻）',
    offline: '离线', online: '在线', at: '时间 ', noContract: '未配置合同最大需量',
    contracted: '合同最大需量 ',
    vsYesterday: '环比（昨日同期）', vsLastWeek: '同比（上周同日同期）', current: '今日截至目前',
    previous: '对比期', change: '变化', unassigned: '未分配', from: '总表：',
  },
};

let rootPower = [];          // point ids of the root electricity meters' active power
const latest = new Map();    // point id -> sample
let ranking = null;
let lastData = null;
let chosenSite = null;       // on a central node the site shown (its figures from InfluxDB); null elsewhere
const bySite = (u) => (chosenSite ? `${u}${u.includes('?') ? '&' : '?'}site=${encodeURIComponent(chosenSite())}` : u);

function setTile(id, value, text) {
  const e = $(id);
  e.dataset.value = value === null || value === undefined ? '' : String(value);
  e.textContent = text;
}

function renderPower() {
  const samples = rootPower.map((id) => latest.get(id)).filter((s) => s && s.value !== null && s.value !== undefined);
  if (samples.length === 0) { setTile('power', null, t('noData')); return; }
  const kw = samples.reduce((a, s) => a + s.value, 0);
  setTile('power', kw, num(kw, 1));
  const newest = samples.map((s) => s.time).sort().pop();
  $('power').dataset.time = newest;
  $('power-sub').textContent = time(newest);
}

function electricity(report) {
  return (report.totals || []).find((x) => x.carrier === 'ELECTRICITY');
}

function render() {
  if (!lastData) return;
  const { today, month, alarms, devices, yesterday, lastWeek } = lastData;
  const e = electricity(today);
  if (e) {
    setTile('energy', e.value, num(e.value, 1));
    setTile('cost', e.cost, money(e.cost, today.currency));
    $('energy-bands').replaceChildren(...e.bands.map((b) => el('span', '', `${bandText(b.band)} ${num(b.energyKwh, 1)}`)));
    $('cost-bands').replaceChildren(...e.bands.map((b) => el('span', '', `${bandText(b.band)} ${money(b.cost, today.currency)}`)));
  } else {
    setTile('energy', null, t('noData'));
    setTile('cost', null, t('noData'));
  }
  const d = (month.demand || []).reduce((best, x) => (!best || x.maxKw > best.maxKw ? x : best), null);
  // this month's maximum against the contracted maximum, stated once in the plant file
  const contractKw = state.plant ? state.plant.contractedDemandKw : null; // sites[].contractedDemandKw, kW
  let contract = el('span', 'nodata', t('noContract'));
  if (contractKw) {
    const share = d ? ` (${num(100 * d.maxKw / contractKw, 0)} %)` : '';
    contract = el('span', '', `${t('contracted')}${num(contractKw, 0)} kW${share}`);
    contract.id = 'demand-contract';
    contract.dataset.value = String(contractKw);
  }
  if (d) {
    setTile('demand', d.maxKw, num(d.maxKw, 1));
    $('demand-sub').replaceChildren(el('span', '', t('at') + time(d.blockStart, false)), contract);
  } else {
    setTile('demand', null, t('noData'));
    $('demand-sub').replaceChildren(contract);
  }
  const active = alarms.filter((a) => a.state !== 'NORMAL');
  setTile('alarms', active.length, String(active.length));
  const byPriority = {};
  active.forEach((a) => { byPriority[a.priority] = (byPriority[a.priority] || 0) + 1; });
  $('alarms-sub').replaceChildren(...Object.entries(byPriority).map(([p, n]) => el('span', 'prio-' + p, `${p} ${n}`)));
  const online = devices.filter((x) => x.state === 'ONLINE').length;
  setTile('devices', online, `${online} / ${devices.length}`);
  $('devices-sub').replaceChildren(el('span', '', `${t('online')} ${online}`),
    el('span', devices.length - online ? 'prio-HIGH' : '', `${t('offline')} ${devices.length - online}`));
  renderRanking(today);
  renderCompare(e, electricity(yesterday), electricity(lastWeek));
}

function renderRanking(today) {
  const rows = today.rows.filter((r) => r.carrier === 'ELECTRICITY').sort((a, b) => b.value - a.value);
  const names = rows.map((r) => (r.groupId === '-' ? t('unassigned') : r.groupName));
  ranking.setOption({
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: 'kWh' },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ type: 'bar', data: rows.map((r) => Math.round(r.value * 10) / 10), label: { show: true, position: 'right' },
      itemStyle: { color: '#1f6fb2' } }],
    tooltip: { trigger: 'axis' },
  }, true);
  $('ranking-chart').dataset.lines = JSON.stringify(rows.map((r) => [r.groupId, r.value]));
}

function compareRow(label, now, then) {
  const tr = el('tr');
  const change = then && then.value > 0 && now ? ((now.value - then.value) / then.value) * 100 : null;
  tr.append(el('td', '', label), el('td', 'n', now ? `${num(now.value, 1)} kWh` : t('noData')),
    el('td', 'n ' + (then && then.value > 0 ? '' : 'nodata'), then && then.value > 0 ? `${num(then.value, 1)} kWh` : t('noData')),
    el('td', 'n ' + (change === null ? 'nodata' : ''), change === null ? t('noData') : `${change >= 0 ? '+' : ''}${num(change, 1)} %`));
  return tr;
}

function renderCompare(now, yesterday, lastWeek) {
  const head = el('tr');
  ['', t('current'), t('previous'), t('change')].forEach((h) => head.append(el('th', '', h)));
  $('compare').tBodies[0].replaceChildren(head, compareRow(t('vsYesterday'), now, yesterday),
    compareRow(t('vsLastWeek'), now, lastWeek));
}

const iso = (d) => d.toISOString();

async function load() {
  const now = new Date();
  const midnight = plantMidnight(now);
  const monthStart = plantMidnight(now, Number(time(now.toISOString()).slice(8, 10)) - 1);
  const span = now.getTime() - midnight.getTime();
  const shifted = (days) => bySite(`/api/consumption?group=site&period=day&from=${iso(plantMidnight(now, days))}` +
    `&to=${iso(new Date(plantMidnight(now, days).getTime() + Math.max(span, 60000)))}`);
  // a central node keeps no alarms or devices of its own: its sites' are on the alarms and devices pages
  const own = (u) => (chosenSite ? api(u).catch(() => []) : api(u));
  const [today, month, alarms, devices, points, yesterday, lastWeek] = await Promise.all([
    api(bySite('/api/consumption?group=line&period=day')),
    api(bySite(`/api/consumption?group=site&period=month&from=${iso(monthStart)}&to=${iso(plantMidnight(now, -1))}`)),
    own('/api/alarms'), own('/api/devices'), api('/api/points/latest'),
    api(shifted(1)).catch(() => ({ totals: [] })), api(shifted(7)).catch(() => ({ totals: [] })),
  ]);
  points.filter((p) => !chosenSite || p.site === chosenSite()).forEach((p) => latest.set(p.id, p));
  lastData = { today, month, alarms, devices, yesterday, lastWeek };
  render();
  renderPower();
}

async function start() {
  await initPage({ page: 'overview', text: TEXT });
  const controls = el('div', 'controls');
  document.querySelector('main h1').after(controls);
  chosenSite = await siteSelector(controls).catch(() => null);
  const plant = state.plant;
  rootPower = meters(plant).filter((m) => m.carrier === 'ELECTRICITY' && !m.parentMeter)
    .map((m) => m.id + '.active_power');
  ranking = chart($('ranking-chart'));
  onLanguage(() => { render(); renderPower(); });
  await load().catch((e) => { console.error(e); $('energy').textContent = t('loadFailed') + e.message; });
  liveStream({
    onSample: (s) => { if (rootPower.includes(s.id)) { latest.set(s.id, s); renderPower(); } },
    onCatchUp: () => load().catch((e) => console.error(e)),
  });
  setInterval(() => { if (state.connection === 'live') load().catch((e) => console.error(e)); }, 30000);
}

start();
