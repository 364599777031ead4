// Devices grouped by connection (gateway, bus, PLC): state, success ratio, latency, the last
// error in words (visible without hovering), next probe, what the collector learned to avoid,
// and each device's points (the live table filtered to it); the name opens the device page.
// Refreshed every 5 s and on reconnect.
import { fleetPanel } from './fleet-panel.js';
import { $, api, el, initPage, liveStream, num, onLanguage, t, time } from './shell.js';

const TEXT = {
  en: { title: 'Devices', state: 'State', success: 'Success', latency: 'Latency mean / p95', lastError: 'Last error',
    lastGood: 'Last good', nextProbe: 'Next probe', requests: 'Requests / failures', refused: 'Refused points',
    learned: 'Learned plan', points: 'Points', none: 'none', online: 'online',
    states: { ONLINE: 'Online', OFFLINE: 'Offline', DEGRADED: 'Degraded', CONNECTING: 'Connecting', PROBING: 'Probing' } },
  zh: { title: '设备', state: '状态', success: '成功率', latency: '延迟 平均 / p95', lastError: '最近错误',
    lastGood: '最近成功', nextProbe: '下次探测', requests: '请求 / 失败', refused: '被拒测点',
    learned: '学习到的读取计划', points: '测点', none: '无', online: '在线',
    states: { ONLINE: '在线', OFFLINE: '离线', DEGRADED: '降级', CONNECTING: '连接中', PROBING: '探测中' } },
};

let devices = [];

function row(dl, label, value, cls) {
  dl.append(el('dt', '', label), el('dd', cls, value));
}

function card(d) {
  const c = el('article', 'card state-' + d.state);
  c.dataset.device = d.id;
  c.dataset.state = d.state;
  const h = el('h3');
  const details = el('a', 'device-link', d.name || d.id);
  details.href = '/device.html?id=' + encodeURIComponent(d.id);
  h.append(details);
  c.append(h, el('div', 'sub', `${d.id} · ${d.profile} · ${d.transport}${d.unitId ? ' #' + d.unitId : ''}`));
  const dl = el('dl');
  row(dl, t('state'), (t('states')[d.state] || d.state));
  row(dl, t('success'), d.successRatio === null ? '—' : `${num(d.successRatio * 100, 1)} %`);
  row(dl, t('latency'), d.latencyMeanMs === null ? '—' : `${num(d.latencyMeanMs, 0)} / ${num(d.latencyP95Ms, 0)} ms`);
  row(dl, t('requests'), `${d.requests ?? '—'} / ${d.failures ?? '—'}`);
  row(dl, t('lastError'), d.lastError ? `${d.lastError} (${time(d.lastErrorTime)})` : t('none'), d.lastError ? 'error' : '');
  row(dl, t('lastGood'), time(d.lastGoodTime));
  if (d.nextProbeTime) row(dl, t('nextProbe'), time(d.nextProbeTime));
  if (d.refusedPoints) row(dl, t('refused'), String(d.refusedPoints));
  if (d.learnedPlan) row(dl, t('learned'), JSON.stringify(d.learnedPlan));
  const a = el('a', '', t('points'));
  a.href = '/live?filter=' + encodeURIComponent(d.id);
  const dd = el('dd');
  dd.append(a);
  dl.append(el('dt', '', ''), dd);
  c.append(dl);
  return c;
}

function render() {
  const byConnection = new Map();
  devices.forEach((d) => { if (!byConnection.has(d.connection)) byConnection.set(d.connection, []); byConnection.get(d.connection).push(d); });
  $('groups').replaceChildren(...[...byConnection.entries()].map(([conn, list]) => {
    const s = el('section', 'panel');
    s.dataset.connection = conn;
    const online = list.filter((d) => d.state === 'ONLINE').length;
    s.append(el('h2', '', `${conn} (${list[0].transport}) · ${online}/${list.length} ${t('online')}`));
    const cards = el('div', 'cards');
    cards.append(...list.map(card));
    s.append(cards);
    return s;
  }));
}

async function load() {
  devices = await api('/api/devices');
  render();
}

async function start() {
  await initPage({ page: 'devices', text: TEXT });
  fleetPanel(document.querySelector('main'), 'nodes').catch((e) => console.error(e));
  onLanguage(render);
  await load().catch((e) => { $('groups').textContent = t('loadFailed') + e.message; });
  setInterval(() => load().catch((e) => console.error(e)), 5000);
  liveStream({ onCatchUp: () => load().catch((e) => console.error(e)) });
}

start();
