// Trends: one or more points over a preset or custom range, drawn from the rollups the server
// picks (resolution=auto: raw, 1 min, 15 min or 1 h), with min/max bands for rolled-up data, zoom,
// and a CSV of exactly what is drawn. Open with ?point=ID (several allowed) to preselect.
import { $, api, chart, el, initPage, num, onLanguage, plantMidnight, t, time, unit } from './shell.js';

const TEXT = {
  en: { title: 'Trends', points: 'Points', pickHelp: 'Ctrl-click to pick several', range: 'Range', lastHour: 'Last hour',
    shift: 'This shift', noShifts: 'no shift calendar: last 8 h', today: 'Today', week: 'Last 7 days', month: 'Last 30 days', custom: 'Custom', draw: 'Draw',
    csv: 'CSV of what is shown', resolution: 'Resolution', buckets: 'buckets', band: 'min–max',
    res: { RAW: 'raw samples', ONE_MINUTE: '1-minute rollup', FIFTEEN_MINUTES: '15-minute rollup', ONE_HOUR: '1-hour rollup' } },
  zh: { title: '趋势', points: '测点', pickHelp: '按住 Ctrl 多选', range: '时间范围', lastHour: '最近一小时',
    shift: '本班', noShifts: '无班次日历：最近8小时', today: '今天', week: '最近7天', month: '最近30天', custom: '自定义', draw: '绘制',
    csv: '导出所示数据 CSV', resolution: '分辨率', buckets: '个数据点', band: '最小–最大',
    res: { RAW: '原始采样', ONE_MINUTE: '1分钟汇总', FIFTEEN_MINUTES: '15分钟汇总', ONE_HOUR: '1小时汇总' } },
};

let trend;
let shown = [];   // [{ id, unit, resolution, buckets }]
let catalogue = [];
let shiftNow;     // the shift in progress from the plant's calendar (GET /api/plant/shift); null without one

function range() {
  const now = new Date();
  switch ($('range').value) {
    case '1h': return [new Date(now - 3600e3), now];
    case 'shift': return shiftNow ? [new Date(shiftNow.start), now] : [new Date(now - 8 * 3600e3), now];
    case 'week': return [new Date(now - 7 * 86400e3), now];
    case 'month': return [new Date(now - 30 * 86400e3), now];
    case 'custom': return [new Date($('from').value), new Date($('to').value)];
    default: return [plantMidnight(now), now];
  }
}

/** The shift in progress in the plant's zone, shown on the preset: "This shift · Morning 早班 06:00–14:00". */
async function loadShift() {
  try {
    shiftNow = await api('/api/plant/shift');
  } catch (e) {
    shiftNow = null;   // 404: the plant file has no shifts
  }
  const option = document.querySelector('#range option[value="shift"]');
  option.textContent = shiftNow ? `${t('shift')} · ${shiftNow.name} ${time(shiftNow.start, false).slice(11)}–`
    + `${time(shiftNow.end, false).slice(11)}` : `${t('shift')} (${t('noShifts')})`;
  option.dataset.from = shiftNow ? shiftNow.start : '';
}

async function draw() {
  if ($('range').value === 'shift' || shiftNow === undefined) await loadShift();
  const ids = [...$('points').selectedOptions].map((o) => o.value);
  const [from, to] = range();
  const started = performance.now();
  shown = await Promise.all(ids.map((id) => api(`/api/points/${encodeURIComponent(id)}/series?from=${from.toISOString()}` +
    `&to=${to.toISOString()}&resolution=auto`)));
  render();
  const ms = Math.round(performance.now() - started);
  $('trend').dataset.resolution = shown.map((s) => s.resolution).join(',');
  $('trend').dataset.buckets = shown.map((s) => s.buckets.length).join(',');
  $('trend').dataset.drawMs = String(ms);
  $('trend-info').textContent = shown.map((s) => `${s.id}: ${(t('res')[s.resolution] || s.resolution || '—')}, ${s.buckets.length} ${t('buckets')}`)
    .join(' · ') + ` (${ms} ms)`;
}

function render() {
  const series = [];
  const units = [...new Set(shown.map((s) => s.unit))];
  shown.forEach((s) => {
    const axis = units.indexOf(s.unit);
    const name = `${s.id} (${unit(s.unit)})`;
    series.push({ name, type: 'line', showSymbol: false, yAxisIndex: Math.min(axis, 1),
      data: s.buckets.map((b) => [b.start, b.mean]) });
    if (s.resolution && s.resolution !== 'RAW') {
      // the band: an invisible line at min, and max − min stacked on it
      const stack = 'band-' + s.id;
      series.push({ name: `${s.id} ${t('band')}`, type: 'line', stack, symbol: 'none', lineStyle: { opacity: 0 },
        yAxisIndex: Math.min(axis, 1), data: s.buckets.map((b) => [b.start, b.min]), tooltip: { show: false } });
      series.push({ name: `${s.id} ${t('band')} `, type: 'line', stack, symbol: 'none', lineStyle: { opacity: 0 },
        areaStyle: { opacity: 0.2 }, yAxisIndex: Math.min(axis, 1),
        data: s.buckets.map((b) => [b.start, b.max === null || b.min === null ? null : b.max - b.min]), tooltip: { show: false } });
    }
  });
  trend.setOption({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v) => num(v, 2) },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 8, top: 30, bottom: 60, containLabel: true },
    xAxis: { type: 'time', axisLabel: { formatter: (v) => time(new Date(v).toISOString(), false).slice(5) } },
    yAxis: units.slice(0, 2).map((u) => ({ type: 'value', name: unit(u), scale: true })),
    dataZoom: [{ type: 'inside' }, { type: 'slider' }],
    series,
  }, true);
}

function csv() {
  const lines = ['point,unit,resolution,bucket_start,mean,min,max,samples'];
  shown.forEach((s) => s.buckets.forEach((b) => lines.push([s.id, s.unit, s.resolution, b.start, b.mean ?? '', b.min ?? '',
    b.max ?? '', b.samples].join(','))));
  const a = el('a');
  a.href = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  a.download = 'trend.csv';
  a.click();
}

async function start() {
  await initPage({ page: 'trends', text: TEXT });
  trend = chart($('trend'));
  catalogue = await api('/api/points/latest');
  const wanted = new URLSearchParams(location.search).getAll('point');
  if (wanted.length === 0) wanted.push('main-incomer.active_power');
  for (const p of catalogue) {
    const o = el('option', '', `${p.meterName || p.meter} · ${p.point} (${unit(p.unit)})`);
    o.value = p.id;
    o.selected = wanted.includes(p.id);
    $('points').append(o);
  }
  if (![...$('points').selectedOptions].length && $('points').options.length) $('points').options[0].selected = true;
  $('range').addEventListener('change', () => {
    const custom = $('range').value === 'custom';
    $('from').hidden = !custom;
    $('to').hidden = !custom;
  });
  $('draw').addEventListener('click', () => draw().catch((e) => { $('trend-info').textContent = t('loadFailed') + e.message; }));
  $('csv').addEventListener('click', csv);
  onLanguage(() => { if (shown.length) render(); if (shiftNow !== undefined) loadShift(); });
  await draw().catch((e) => { $('trend-info').textContent = t('loadFailed') + e.message; });
}

start();
