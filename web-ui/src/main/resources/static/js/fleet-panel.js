// A central node's view of every site (--role central, docs/fleet.md): the edge nodes with their
// state, or the alarms every edge publishes, each with its site and a site filter. Polls the
// /api/fleet routes, which only a central node serves: elsewhere the panel stays hidden.
import { el, isCentral, release, state, time } from './shell.js';

const TEXT = {
  en: { nodes: 'Edge nodes of every site', alarms: 'Alarms of every site', allSites: 'All sites', site: 'Site',
    node: 'Edge node', state: 'State', since: 'Since', reason: 'Reason', devices: 'Meters', alarm: 'Alarm',
    priority: 'Priority', time: 'Time', online: 'Online', offline: 'Offline', stale: 'stale: the edge is offline',
    none: 'Nothing yet.' },
  zh: { nodes: '各厂区边缘节点', alarms: '各厂区报警', allSites: '全部厂区', site: '厂区', node: '边缘节点', state: '状态',
    since: '自', reason: '原因', devices: '表计', alarm: '报警', priority: '优先级', time: '时间', online: '在线',
    offline: '离线', stale: '过期：边缘节点离线', none: '暂无。' },
};
const tx = (k) => TEXT[state.lang === 'zh' ? 'zh' : 'en'][k];

// Each site's time zone, from its own plant file (/api/plant?site=): a site's times are shown in it.
const zones = new Map();
async function loadZones(sites) {
  await Promise.all(sites.filter((s) => !zones.has(s)).map(async (s) => {
    try {
      const r = await fetch(`/api/plant?site=${encodeURIComponent(s)}`, { headers: { Accept: 'application/json' } });
      if (r.ok) zones.set(s, (await r.json()).timeZone || state.zone); else release(r);
    } catch (e) { console.error(`the zone of site ${s}`, e); } // its times stay in the page's zone, named
  }));
}
const zoneOf = (site) => zones.get(site) || state.zone;

// an instant inside a reason, as the API writes it in UTC ("... since 2026-12-02T08:00:05Z")
const INSTANT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g;

/**
 * A site's time in the site's own zone, named when the rows' zones differ from each other or from
 * the page's ("2026-12-02 09:15:00 (Europe/Berlin)").
 */
function siteTime(iso, site, named) {
  if (!iso) return time(iso);
  return time(iso, true, zoneOf(site)) + (named ? ` (${zoneOf(site)})` : '');
}

/** Adds the panel to {@code container}: kind 'nodes' or 'alarms'. */
export async function fleetPanel(container, kind) {
  if (!(await isCentral())) return; // only a central node serves /api/fleet
  const first = await fetch(`/api/fleet/${kind}`, { headers: { Accept: 'application/json' } });
  if (!first.ok) { release(first); return; }
  const section = el('section', 'panel fleet-panel');
  section.id = 'fleet-' + kind;
  const filter = el('select');
  filter.setAttribute('aria-label', tx('site'));
  const table = el('table', 'data stack');
  const info = el('div', 'sub');
  section.append(el('h2', '', tx(kind)), filter, table, info);
  const title = container.querySelector('h1');
  if (title) title.after(section); else container.prepend(section);
  let rows = await first.json();
  await loadZones([...new Set(rows.map((r) => r.site))]);
  const render = () => {
    const sites = [...new Set(rows.map((r) => r.site))].sort();
    const named = new Set([state.zone, ...sites.map(zoneOf)]).size > 1;
    const chosen = filter.value;
    filter.replaceChildren(el('option', '', tx('allSites')), ...sites.map((s) => el('option', '', s)));
    filter.firstChild.value = '';
    filter.value = sites.includes(chosen) ? chosen : '';
    const shown = rows.filter((r) => !filter.value || r.site === filter.value);
    const cols = kind === 'nodes'
      ? [tx('site'), tx('node'), tx('state'), tx('since'), tx('devices'), tx('reason')]
      : [tx('site'), tx('node'), tx('alarm'), tx('state'), tx('priority'), tx('time')];
    const head = el('tr');
    cols.forEach((c) => head.append(el('th', '', c)));
    table.replaceChildren(el('thead'), el('tbody'));
    table.tHead.append(head);
    table.tBodies[0].append(...shown.map((r) => {
      const tr = el('tr');
      tr.dataset.site = r.site;
      const cells = kind === 'nodes'
        ? [r.site, r.edgeNode, r.online ? tx('online') : tx('offline'), siteTime(r.since, r.site, named),
          String(r.devices), (r.reason || '').replace(INSTANT, (iso) => siteTime(iso, r.site, named))]
        : [r.site, r.edgeNode, r.alarmId, r.stale ? `${r.state} (${tx('stale')})` : r.state, String(r.priority),
          siteTime(r.time, r.site, named)];
      const timeColumn = kind === 'nodes' ? 3 : 5;
      cells.forEach((c, i) => {
        const td = el('td', '', c);
        td.dataset.label = cols[i];
        if (i === timeColumn) {
          td.dataset.zone = zoneOf(r.site) || '';
          td.dataset.time = (kind === 'nodes' ? r.since : r.time) || '';
        }
        tr.append(td);
      });
      tr.className = kind === 'nodes' ? (r.online ? 'state-ONLINE' : 'state-OFFLINE') : `alarm-${r.priority}`
        + (r.stale ? ' stale' : '');
      return tr;
    }));
    info.textContent = shown.length ? '' : tx('none');
  };
  filter.addEventListener('change', render);
  render();
  setInterval(async () => {
    try {
      const r = await fetch(`/api/fleet/${kind}`, { headers: { Accept: 'application/json' } });
      if (r.ok) {
        rows = await r.json();
        await loadZones([...new Set(rows.map((x) => x.site))]);
        render();
      } else release(r);
    } catch (e) { console.error(`/api/fleet/${kind}`, e); }
  }, 3000);
}

/**
 * On a central node, a site selector in {@code controls} (the first site chosen, or ?site= from the
 * address) for pages whose figures are per site; returns a function giving the chosen site, or null
 * on a node that is not central (its own plant needs no site). The page's plant becomes the chosen
 * site's own model (its meters, lines and time zone: /api/plant?site=); choosing another site
 * reloads the page with ?site= so that every figure and time follows that site.
 */
export async function siteSelector(controls) {
  if (!(await isCentral())) return null; // its own plant needs no site
  const r = await fetch('/api/fleet/nodes', { headers: { Accept: 'application/json' } });
  if (!r.ok) { release(r); return null; }
  const sites = [...new Set((await r.json()).map((n) => n.site))].sort();
  if (sites.length === 0) return null;
  const select = el('select');
  select.id = 'site';
  sites.forEach((s) => select.append(el('option', '', s)));
  const wanted = new URLSearchParams(location.search).get('site');
  select.value = sites.includes(wanted) ? wanted : sites[0];
  const plant = await fetch(`/api/plant?site=${encodeURIComponent(select.value)}`, { headers: { Accept: 'application/json' } });
  if (plant.ok) {
    state.plant = await plant.json();
    state.zone = state.plant.timeZone || undefined;
  } else release(plant);
  select.addEventListener('change', () => {
    const u = new URL(location.href);
    u.searchParams.set('site', select.value);
    location.assign(u.toString());
  });
  const label = el('label');
  label.append(el('span', '', tx('site') + ' '), select);
  controls.prepend(label);
  document.body.dataset.site = select.value;
  return () => select.value;
}
