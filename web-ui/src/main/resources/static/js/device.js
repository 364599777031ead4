// One device: its communication figures (state, success ratio, latency, last error in words, next
// probe), its points live over the page's stream, the request plan the collector learned, and its
// communication history (state changes and errors since start, GET /api/devices/{id}/history).
import { $, api, el, initPage, liveStream, num, onLanguage, t, time, unit } from './shell.js';

const TEXT = {
  en: { title: 'Device', health: 'Communication', points: 'Points (live)', learned: 'Learned request plan',
    history: 'Communication history', colPoint: 'Point', colValue: 'Value', colQuality: 'Quality', colTime: 'Time',
    colEvent: 'Event', colState: 'State', colReason: 'Reason', state: 'State', success: 'Success',
    latency: 'Latency mean / p95', requests: 'Requests / failures', lastError: 'Last error', lastGood: 'Last good',
    nextProbe: 'Next probe', refused: 'Refused points', none: 'none', trend: 'trend', allDevices: 'All devices',
    kinds: { STATE: 'state change', ERROR: 'error' }, noHistory: 'Nothing happened yet.',
    historyNote: (n) => `Since the start, newest first, at most ${n} entries.`, noDevice: 'No such device: ',
    reads: 'Reads', refusedList: 'Refused', suggestion: 'Suggested profile correction',
    quality: { GOOD: 'GOOD', UNCERTAIN: 'UNCERTAIN', BAD: 'BAD', NONE: 'NO DATA' },
    states: { ONLINE: 'Online', OFFLINE: 'Offline', DEGRADED: 'Degraded', DISABLED: 'Disabled' } },
  zh: { title: '设备', health: '通信', points: '测点（实时）', learned: '学习到的读取计划', history: '通信历史',
    colPoint: '测点', colValue: '值', colQuality: '质量', colTime: '时间', colEvent: '事件', colState: '状态',
    colReason: '原因', state: '状态', success: '成功率', latency: '延迟 平均 / p95', requests: '请求 / 失败',
    lastError: '最近错误', lastGood: '最近成功', nextProbe: '下次探测', refused: '被拒测点', none: '无', trend: '趋势',
    allDevices: '全部设备', kinds: { STATE: '状态变化', ERROR: '错误' }, noHistory: '尚无记录。',
    historyNote: (n) => `自启动以来，最新在前，最多 ${n} 条。`, noDevice: '没有该设备：',
    reads: '读取', refusedList: '被拒', suggestion: '建议的配置修改',
    quality: { GOOD: '良好', UNCERTAIN: '可疑', BAD: '故障', NONE: '无数据' },
    states: { ONLINE: '在线', OFFLINE: '离线', DEGRADED: '降级', DISABLED: '停用' } },
};

const id = new URLSearchParams(location.search).get('id') || '';
let device = null;
let history = null;
const rows = new Map();   // point id -> { tr, sample }

const stateText = (s) => (s ? (t('states')[s] || s) : '—');

function figure(dl, label, value, cls) {
  dl.append(el('dt', '', label), el('dd', cls, value));
}

function renderDevice() {
  if (!device) return;
  $('device-title').textContent = device.name || device.id;
  document.title = 'Wattline · ' + (device.name || device.id);
  $('device-sub').textContent = `${device.id} · ${device.profile || '—'} · ${device.connection} (${device.transport})`
    + (device.unitId ? ` #${device.unitId}` : '');
  $('health').className = 'card state-' + device.state;
  $('health').dataset.state = device.state;
  const dl = $('figures');
  dl.replaceChildren();
  figure(dl, t('state'), stateText(device.state));
  figure(dl, t('success'), device.successRatio === null ? '—' : `${num(device.successRatio * 100, 1)} %`);
  figure(dl, t('latency'), device.latencyMeanMs === null ? '—'
    : `${num(device.latencyMeanMs, 0)} / ${num(device.latencyP95Ms, 0)} ms`);
  figure(dl, t('requests'), `${device.requests} / ${device.failures}`);
  figure(dl, t('lastError'), device.lastError ? `${device.lastError} (${time(device.lastErrorTime)})` : t('none'),
    device.lastError ? 'error' : '');
  figure(dl, t('lastGood'), time(device.lastGoodTime));
  figure(dl, t('nextProbe'), device.nextProbeTime ? time(device.nextProbeTime) : '—');
  if (device.refusedPoints) figure(dl, t('refused'), String(device.refusedPoints));
  renderPlan(device.learnedPlan);
}

function renderPlan(plan) {
  $('plan-panel').hidden = !plan;
  if (!plan) return;
  const box = $('plan');
  const reads = el('ul');
  reads.append(...(plan.reads || []).map((r) => el('li', '',
    `${r.group}: ${r.function} ${r.start}…${r.start + r.count - 1} (${r.count}) → ${(r.points || []).join(', ')}`)));
  const refused = el('ul');
  refused.append(...(plan.refused || []).map((r) => el('li', 'error', `${r.point}: ${r.reason}`)));
  const parts = [el('h3', '', t('reads')), reads];
  if ((plan.refused || []).length) parts.push(el('h3', '', t('refusedList')), refused);
  if (plan.suggestion) parts.push(el('h3', '', t('suggestion')), el('pre', 'suggestion', plan.suggestion));
  box.replaceChildren(...parts);
}

function renderHistory() {
  if (!history) return;
  $('history-note').textContent = t('historyNote')(history.capacity);
  const body = $('history').tBodies[0];
  if (!history.entries.length) {
    const tr = el('tr');
    const td = el('td', '', t('noHistory'));
    td.colSpan = 4;
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(...history.entries.map((e) => {
    const tr = el('tr', 'entry kind-' + e.kind);
    tr.dataset.kind = e.kind;
    tr.dataset.state = e.state;
    const cell = (label, text, cls) => { const td = el('td', cls, text); td.dataset.label = label; return td; };
    const change = e.kind === 'STATE' && e.from ? `${stateText(e.from)} → ${stateText(e.state)}` : stateText(e.state);
    tr.append(cell(t('colTime'), time(e.time)), cell(t('colEvent'), t('kinds')[e.kind] || e.kind),
      cell(t('colState'), change), cell(t('colReason'), e.reason || '', e.reason ? 'error' : ''));
    return tr;
  }));
}

function pointRow(p) {
  const tr = el('tr', 'point');
  tr.dataset.id = p.id;
  const name = el('td', 'c-point');
  name.dataset.label = t('colPoint');
  const link = el('a', '', p.point);
  link.href = '/trends?point=' + encodeURIComponent(p.id);
  link.title = `${t('trend')}: ${p.id}`;
  name.append(link, el('small', 'meta', ' ' + (p.quantity || '')));
  const value = el('td', 'n c-value');
  value.dataset.label = t('colValue');
  const quality = el('td', 'c-quality');
  quality.dataset.label = t('colQuality');
  const when = el('td', 'c-time');
  when.dataset.label = t('colTime');
  tr.append(name, value, quality, when);
  const row = { tr, value, quality, when, sample: p };
  rows.set(p.id, row);
  paint(row);
  return tr;
}

function paint(row) {
  const s = row.sample;
  const digits = Math.abs(s.value ?? 0) >= 100 ? 1 : 3;
  row.value.textContent = s.value === null || s.value === undefined ? '—' : `${num(s.value, digits)} ${unit(s.unit)}`;
  const q = s.quality || 'NONE';
  const badge = el('span', 'q q-' + q, t('quality')[q] || q);
  if (s.reason) badge.title = s.reason;
  row.quality.replaceChildren(badge);
  if (s.reason && q !== 'GOOD') row.quality.append(el('small', 'reason', ' ' + s.reason));
  row.when.textContent = time(s.time);
  if (s.time) row.when.dataset.time = s.time;
}

async function loadPoints() {
  const latest = await api('/api/points/latest');
  rows.clear();
  $('points').tBodies[0].replaceChildren(...latest.filter((p) => p.meter === id).map(pointRow));
}

async function loadDevice() {
  [device, history] = await Promise.all([api('/api/devices/' + encodeURIComponent(id)),
    api('/api/devices/' + encodeURIComponent(id) + '/history')]);
  renderDevice();
  renderHistory();
}

async function start() {
  await initPage({ page: 'devices', text: TEXT });
  const back = el('a', '', t('allDevices'));
  back.href = '/devices';
  back.id = 'back';
  $('device-sub').before(back);
  onLanguage(() => { back.textContent = t('allDevices'); renderDevice(); renderHistory(); rows.forEach(paint); });
  try {
    await Promise.all([loadDevice(), loadPoints()]);
  } catch (e) {
    $('device-sub').textContent = (e.message.includes('404') ? t('noDevice') + id + ' — ' : t('loadFailed')) + e.message;
    return;
  }
  liveStream({
    onSample: (s) => { const row = rows.get(s.id); if (row) { row.sample = s; paint(row); } },
    onCatchUp: () => Promise.all([loadDevice(), loadPoints()]).catch((e) => console.error(e)),
  });
  setInterval(() => loadDevice().catch((e) => console.error(e)), 5000);
}

start();
