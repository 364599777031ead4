// Energy flow (能流图): carrier → site → areas → lines → equipment, each level's own rest, the
// unassigned rest and the unmetered loss, as a Sankey from /api/energy-flow (analytics computes it
// from the /api/consumption reports by area, line and equipment). Every flow links to its consumption rows.
import { siteSelector } from './fleet-panel.js';
import { $, api, chart, el, initPage, num, onLanguage, plantMidnight, t, time, unit, carrierText } from './shell.js';

const TEXT = {
  en: { title: 'Energy flow', carrier: 'Carrier', from: 'From', to: 'To', show: 'Show', flowFrom: 'From',
    flowTo: 'To', value: 'Energy', rows: 'rows', loss: 'Unmetered loss', unassigned: 'Not booked to an area',
    rest: 'Other consumers of' },
  zh: { title: '能流图', carrier: '能源介质', from: '从', to: '到', show: '查询', flowFrom: '来源', flowTo: '去向',
    value: '能量', rows: '明细', loss: '未计量损耗', unassigned: '未分配到区域', rest: '其他用能：' },
};

let sankey;
let flow = null;
// /flow?from=…&to=… (dates or ISO instants, as /api/consumption takes them) fixes the range
const fixed = new URLSearchParams(location.search);

function range(p) {
  const from = $('from').value || fixed.get('from');
  const to = $('to').value || fixed.get('to');
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  return p;
}

function nodeName(n) {
  if (n.kind === 'carrier') return carrierText(n.name);
  if (n.kind === 'loss') return t('loss');
  if (n.kind === 'unassigned') return t('unassigned');
  if (n.kind === 'rest') return `${t('rest')} ${n.name}`;
  return n.name;
}

// a flow's rows: its target's group (area, line, equipment); a rest, the unassigned and the loss by meter
function rowsLink(link) {
  const [kind, id] = link.target.split(':');
  const group = ['area', 'line', 'equipment'].includes(kind) ? kind : kind === 'site' ? 'site' : 'meter';
  const q = new URLSearchParams({ group, period: 'day' });
  if (chosenSite) q.set('site', chosenSite());
  const p = range(q);
  return '/consumption?' + p + (id && kind !== 'rest' ? '#' + id : '');
}

function render() {
  if (!flow) return;
  const names = new Map(flow.nodes.map((n) => [n.id, nodeName(n)]));
  // a node's figure: what flows into it (the carrier: what flows out)
  const totals = new Map();
  flow.links.forEach((l) => totals.set(l.target, (totals.get(l.target) || 0) + l.value));
  flow.links.filter((l) => !totals.has(l.source)).forEach((l) => totals.set(l.source, (totals.get(l.source) || 0) + l.value));
  const byName = new Map(flow.nodes.map((n) => [names.get(n.id), totals.get(n.id)]));
  sankey.setOption({
    animation: false,
    tooltip: { trigger: 'item', valueFormatter: (v) => `${num(v, 2)} ${unit(flow.unit)}` },
    series: [{ type: 'sankey', left: 10, right: 160, nodeAlign: 'left', emphasis: { focus: 'adjacency' },
      label: { formatter: (p) => `${p.name}\n${num(byName.get(p.name), 1)} ${unit(flow.unit)}` },
      data: flow.nodes.map((n) => ({ name: names.get(n.id), itemStyle: n.kind === 'loss' ? { color: '#b3261e' } : undefined })),
      links: flow.links.map((l) => ({ source: names.get(l.source), target: names.get(l.target), value: Math.round(l.value * 100) / 100 })) }],
  }, true);
  const head = el('tr');
  [t('flowFrom'), t('flowTo'), t('value'), ''].forEach((h) => head.append(el('th', '', h)));
  $('flows').tBodies[0].replaceChildren(head, ...flow.links.map((l) => {
    const tr = el('tr');
    tr.dataset.target = l.target;
    tr.dataset.value = l.value;
    const a = el('a', '', t('rows'));
    a.href = rowsLink(l);
    const link = el('td');
    link.append(a);
    tr.append(el('td', '', names.get(l.source)), el('td', '', names.get(l.target)),
      el('td', 'n', `${num(l.value, 2)} ${unit(flow.unit)}`), link);
    return tr;
  }));
  $('info').textContent = `${time(flow.from, false)} – ${time(flow.to, false)}`;
}

async function show() {
  const p = new URLSearchParams({ carrier: $('carrier').value });
  if (chosenSite) p.set('site', chosenSite()); // a central node draws one site's flow
  flow = await api('/api/energy-flow?' + range(p));
  render();
}

let chosenSite = null;

async function start() {
  await initPage({ page: 'flow', text: TEXT });
  chosenSite = await siteSelector(document.querySelector('.controls')).catch(() => null);
  sankey = chart($('sankey'));
  sankey.on('click', (e) => {
    if (e.dataType !== 'edge' || !flow) return;
    const link = flow.links.find((l) => Math.abs(Math.round(l.value * 100) / 100 - e.data.value) < 1e-9);
    if (link) location.href = rowsLink(link);
  });
  if (!fixed.get('from')) $('from').value = time(plantMidnight(new Date()).toISOString()).slice(0, 10);
  $('show').addEventListener('click', () => show().catch((e) => { $('info').textContent = t('loadFailed') + e.message; }));
  onLanguage(render);
  await show().catch((e) => { $('info').textContent = t('loadFailed') + e.message; });
}

start();
