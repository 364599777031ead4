// Consumption and cost: group × period → table and chart with the tariff-band split, demand and
// power factor, data-quality flags with their reason; CSV, XLSX (same query) and PDF downloads.
// Every figure is /api/consumption's; the table's totals row is the report's own "totals".
import { siteSelector } from './fleet-panel.js';
import { $, api, bandText, csrfHeaders, carrierText, chart, el, initPage, money, num, onLanguage, plantMidnight, t, time, unit } from './shell.js';

const TEXT = {
  en: { title: 'Consumption and cost', group: 'Group', period: 'Period', from: 'From', to: 'To', show: 'Show',
    csv: 'CSV', xlsx: 'XLSX', pdf: 'PDF (daily report)', gLine: 'Line', gCostCentre: 'Cost centre', gMeter: 'Meter',
    gArea: 'Area', gEquipment: 'Equipment', gSite: 'Site (by carrier)', pShift: 'Shifts', pDay: 'Day', pMonth: 'Month',
    cGroup: 'Group', cPeriod: 'Period', cCarrier: 'Carrier', cValue: 'Consumption', cCost: 'Cost', cFlags: 'Data quality',
    total: 'Total', demandTitle: 'Maximum demand (15 min)', at: 'at', pdfWait: 'making the PDF…',
    flags: { rollovers: 'counter rollover', declaredResets: 'declared meter replacement or reset',
      undeclaredDecreases: 'undeclared decrease excluded', gapSecondsInterpolated: 'interpolated gap',
      uncoveredSeconds: 'time not covered by readings', noData: 'no data', repairedReadings: 'repaired readings' } },
  zh: { title: '能耗与成本', group: '分组', period: '周期', from: '从', to: '到', show: '查询',
    csv: 'CSV', xlsx: 'XLSX', pdf: 'PDF（日报）', gLine: '产线', gCostCentre: '成本中心', gMeter: '表计',
    gArea: '区域', gEquipment: '设备', gSite: '厂区（按能源介质）', pShift: '班次', pDay: '日', pMonth: '月',
    cGroup: '分组', cPeriod: '周期', cCarrier: '能源介质', cValue: '用量', cCost: '费用', cFlags: '数据质量',
    total: '合计', demandTitle: '最大需量（15分钟）', at: '时间', pdfWait: '正在生成 PDF…',
    flags: { rollovers: '计数器翻转', declaredResets: '已登记的换表或清零', undeclaredDecreases: '未登记的读数下降（已剔除）',
      gapSecondsInterpolated: '插值补齐的缺口', uncoveredSeconds: '无读数覆盖的时间', noData: '无数据', repairedReadings: '已修正读数' } },
};

let report = null;
let bandsChart;
// /consumption?from=…&to=… may give ISO instants too (the date fields take days only)
const fixed = new URLSearchParams(location.search);
const isDay = (v) => /^\d{4}-\d{2}-\d{2}$/.test(v || '');
// on a central node the site whose figures are shown (read from InfluxDB); null elsewhere
let chosenSite = null;

function query() {
  const p = new URLSearchParams({ group: $('group').value, period: $('period').value });
  const from = $('from').value || fixed.get('from');
  const to = $('to').value || fixed.get('to');
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  if (chosenSite) p.set('site', chosenSite());
  return p.toString();
}

function flagIcons(flags) {
  const out = [];
  if (!flags) return out;
  for (const [key, v] of Object.entries(flags)) {
    if (!v) continue;
    const text = t('flags')[key] || key;
    const seconds = /Seconds$/.test(key) ? ` ${Math.round(v / 60)} min` : (typeof v === 'number' ? ` ×${v}` : '');
    const f = el('span', 'flag', '⚠ ' + text + seconds);
    f.title = text + seconds;
    out.push(f);
  }
  return out;
}

function cell(label, text, cls) {
  const td = el('td', cls, text);
  td.dataset.label = label;
  return td;
}

function render() {
  if (!report) return;
  const head = el('tr');
  [t('cGroup'), t('cPeriod'), t('cCarrier'), t('cValue'), ...['SHARP', 'PEAK', 'FLAT', 'VALLEY'].map(bandText), t('cCost'), t('cFlags')]
    .forEach((h) => head.append(el('th', '', h)));
  $('rows').tHead.replaceChildren(head);
  const band = (r, b) => { const x = (r.bands || []).find((y) => y.band === b); return x ? num(x.energyKwh, 1) : ''; };
  $('rows').tBodies[0].replaceChildren(...report.rows.map((r) => {
    const tr = el('tr');
    tr.dataset.group = r.groupId;
    tr.dataset.carrier = r.carrier;
    tr.dataset.value = r.value;
    tr.dataset.cost = r.cost ?? '';
    tr.append(cell(t('cGroup'), r.groupName), cell(t('cPeriod'), r.periodLabel + (r.crew ? ' · ' + r.crew : '')),
      cell(t('cCarrier'), carrierText(r.carrier)), cell(t('cValue'), `${num(r.value, 2)} ${unit(r.unit)}`, 'n'),
      ...['SHARP', 'PEAK', 'FLAT', 'VALLEY'].map((b) => cell(bandText(b), band(r, b), 'n')),
      cell(t('cCost'), money(r.cost, report.currency), 'n'));
    const flags = cell(t('cFlags'), '');
    flags.append(...flagIcons(r.flags));
    tr.append(flags);
    return tr;
  }));
  $('rows').tFoot.replaceChildren(...report.totals.map((x) => {
    const tr = el('tr', 'total');
    tr.dataset.carrier = x.carrier;
    tr.dataset.value = x.value;
    tr.dataset.cost = x.cost ?? '';
    tr.append(cell(t('cGroup'), t('total')), cell(t('cPeriod'), ''), cell(t('cCarrier'), carrierText(x.carrier)),
      cell(t('cValue'), `${num(x.value, 2)} ${unit(x.unit)}`, 'n'),
      ...['SHARP', 'PEAK', 'FLAT', 'VALLEY'].map((b) => cell(bandText(b), band(x, b), 'n')),
      cell(t('cCost'), money(x.cost, report.currency), 'n'), cell(t('cFlags'), ''));
    return tr;
  }));
  $('info').textContent = `${time(report.from, false)} – ${time(report.to, false)} · ${report.readResolution}`;
  $('demand').tBodies[0].replaceChildren(...report.demand.map((d) => {
    const tr = el('tr');
    tr.append(cell(t('cGroup'), d.groupName), cell(t('cPeriod'), d.month), cell(t('cValue'), `${num(d.maxKw, 1)} kW`, 'n'),
      cell(t('at'), `${time(d.blockStart, false)}`));
    return tr;
  }));
  const elec = report.rows.filter((r) => r.carrier === 'ELECTRICITY');
  const labels = elec.map((r) => `${r.groupName} ${r.periodLabel}`);
  const bands = ['SHARP', 'PEAK', 'FLAT', 'VALLEY'].filter((b) => elec.some((r) => (r.bands || []).some((x) => x.band === b)));
  bandsChart.setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: 'kWh' },
    color: ['#b3261e', '#d9822b', '#5b8db8', '#2e7d32'],
    series: bands.map((b) => ({ name: bandText(b), type: 'bar', stack: 'kwh',
      data: elec.map((r) => { const x = (r.bands || []).find((y) => y.band === b); return x ? Math.round(x.energyKwh * 100) / 100 : 0; }) })),
  }, true);
}

async function show() {
  const q = query();
  $('dl-csv').href = '/api/consumption.csv?' + q;
  $('dl-xlsx').href = '/api/consumption.xlsx?' + q;
  report = await api('/api/consumption?' + q);
  render();
}

async function pdf() {
  const day = $('from').value || time(new Date().toISOString()).slice(0, 10);
  $('info').textContent = t('pdfWait');
  const site = chosenSite ? `&site=${encodeURIComponent(chosenSite())}` : '';
  const response = await fetch(`/api/reports/daily/runs?period=${day}${site}`, { method: 'POST', headers: csrfHeaders() });
  if (!response.ok) { $('info').textContent = t('loadFailed') + (await response.text()); return; }
  const run = await response.json();
  const file = (run.files || []).find((f) => /\.pdf$/.test(f.name));
  if (file) location.href = `/api/reports/runs/${encodeURIComponent(run.id)}/files/${encodeURIComponent(file.name)}${site.replace('&', '?')}`;
}

async function start() {
  await initPage({ page: 'consumption', text: TEXT });
  bandsChart = chart($('bands-chart'));
  chosenSite = await siteSelector(document.querySelector('.controls')).catch(() => null);
  const p = new URLSearchParams(location.search);
  for (const k of ['group', 'period']) if (p.get(k)) $(k).value = p.get(k);
  for (const k of ['from', 'to']) if (isDay(p.get(k))) $(k).value = p.get(k);
  if (!$('from').value && !p.get('from')) $('from').value = time(plantMidnight(new Date()).toISOString()).slice(0, 10);
  $('show').addEventListener('click', () => show().catch((e) => { $('info').textContent = t('loadFailed') + e.message; }));
  $('dl-pdf').addEventListener('click', () => pdf().catch((e) => { $('info').textContent = t('loadFailed') + e.message; }));
  onLanguage(render);
  await show().catch((e) => { $('info').textContent = t('loadFailed') + e.message; });
}

start();
