// Big screen (大屏) for a control-room wall at 1920×1080: no navigation, large figures readable at
// 3 m, panels rotating every 20 s (?rotate=0 stops it), refreshed every 30 s and on reconnect.
import { $, api, chart, initPage, liveStream, meters, money, num, onLanguage, t, carrierText } from './shell.js';

const TEXT = {
  en: { title: 'Big screen', kpi: 'Energy today', power: 'Plant power', energy: 'Electricity today', cost: 'Cost today',
    alarms: 'Active alarms', flow: 'Energy flow today (electricity)', loss: 'Unmetered loss', unassigned: 'Not booked to a line' },
  zh: { title: '大屏', kpi: '今日能源', power: '全厂功率', energy: '今日用电', cost: '今日电费', alarms: '活动报警',
    flow: '今日能流（电）', loss: '未计量损耗', unassigned: '未分配到产线' },
};

let rootPower = [];
const latest = new Map();
let ranking;
let flowChart;
let data = null;

function renderPower() {
  const s = rootPower.map((id) => latest.get(id)).filter((x) => x && x.value !== null);
  $('s-power').textContent = s.length ? num(s.reduce((a, x) => a + x.value, 0), 0) : t('noData');
  if (s.length) $('s-power').dataset.time = s.map((x) => x.time).sort().pop();
}

function render() {
  if (!data) return;
  const e = data.today.totals.find((x) => x.carrier === 'ELECTRICITY');
  $('s-energy').textContent = e ? num(e.value, 0) : t('noData');
  $('s-cost').textContent = e ? money(e.cost, data.today.currency) : t('noData');
  $('s-alarms').textContent = String(data.alarms.length);
  const rows = data.today.rows.filter((r) => r.carrier === 'ELECTRICITY').sort((a, b) => b.value - a.value);
  ranking.setOption({ textStyle: { fontSize: 20, color: '#e8ecf1' }, grid: { left: 20, right: 80, top: 20, bottom: 20, containLabel: true },
    xAxis: { type: 'value', axisLabel: { color: '#b8c2cd', fontSize: 18 } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.groupName), axisLabel: { color: '#e8ecf1', fontSize: 22 } },
    series: [{ type: 'bar', data: rows.map((r) => Math.round(r.value)), label: { show: true, position: 'right', fontSize: 22, color: '#e8ecf1' },
      itemStyle: { color: '#3d8fd6' } }] }, true);
  const f = data.flow;
  const name = (n) => (n.kind === 'carrier' ? carrierText(n.name) : n.kind === 'loss' ? t('loss') : n.kind === 'unassigned' ? t('unassigned') : n.name);
  const names = new Map(f.nodes.map((n) => [n.id, name(n)]));
  flowChart.setOption({ series: [{ type: 'sankey', left: 20, right: 260, label: { color: '#e8ecf1', fontSize: 22,
    formatter: (p) => `${p.name}  ${num(p.value, 0)} kWh` }, lineStyle: { color: 'gradient', opacity: 0.4 },
    data: f.nodes.map((n) => ({ name: names.get(n.id) })),
    links: f.links.map((l) => ({ source: names.get(l.source), target: names.get(l.target), value: Math.round(l.value * 10) / 10 })) }] }, true);
}

async function load() {
  const [today, alarms, flow, points] = await Promise.all([api('/api/consumption?group=line&period=day'), api('/api/alarms'),
    api('/api/energy-flow?carrier=ELECTRICITY'), api('/api/points/latest')]);
  points.forEach((p) => latest.set(p.id, p));
  data = { today, alarms: alarms.filter((a) => a.state !== 'NORMAL'), flow };
  render();
  renderPower();
}

async function start() {
  const plant = await initPage({ page: 'screen', text: TEXT, chrome: false });
  rootPower = meters(plant).filter((m) => m.carrier === 'ELECTRICITY' && !m.parentMeter).map((m) => m.id + '.active_power');
  ranking = chart($('s-ranking'));
  flowChart = chart($('s-flow'));
  onLanguage(render);
  await load().catch((e) => console.error(e));
  liveStream({ onSample: (s) => { if (rootPower.includes(s.id)) { latest.set(s.id, s); renderPower(); } },
    onCatchUp: () => load().catch((e) => console.error(e)) });
  setInterval(() => load().catch((e) => console.error(e)), 30000);
  const rotate = Number(new URLSearchParams(location.search).get('rotate') ?? 20);
  if (rotate > 0) {
    const slides = [...document.querySelectorAll('.slide')];
    let i = 0;
    setInterval(() => {
      slides[i].classList.remove('on');
      i = (i + 1) % slides.length;
      slides[i].classList.add('on');
      ranking.resize();
      flowChart.resize();
    }, rotate * 1000);
  }
}

start();
