// Alarm console: the alarms that need attention with priority colours, acknowledge and shelve
// with a reason (the server checks the user's role), an audible cue (off by default), the journal
// with search. Changes arrive live over /api/stream/alarms.
import { openEventStream } from './event-stream.js';
import { fleetPanel } from './fleet-panel.js';
import { $, api, csrfHeaders, el, initPage, onLanguage, release, setConnection, t, time } from './shell.js';

const TEXT = {
  en: { title: 'Alarm console', sound: 'Audible cue for new alarms', active: 'Alarms that need attention', journal: 'Journal',
    priority: 'Priority', point: 'Point or source', search: 'Search', cPriority: 'Priority', cState: 'State', cMessage: 'Message',
    cSource: 'Source', cRaised: 'Raised', cValue: 'Value', cActions: 'Actions', ack: 'Acknowledge', shelve: 'Shelve 2 h',
    reasonPrompt: 'Reason for shelving (required):', none: 'No alarm needs attention.', cTime: 'Time', cEvent: 'Event', cUser: 'By',
    states: { UNACKNOWLEDGED: 'Unacknowledged', ACKNOWLEDGED: 'Acknowledged', RTN_UNACKNOWLEDGED: 'Returned, unacknowledged',
      NORMAL: 'Normal', SHELVED: 'Shelved' } },
  zh: { title: '报警台', sound: '新报警时声音提示', active: '需要处理的报警', journal: '报警日志', priority: '优先级',
    point: '测点或来源', search: '搜索', cPriority: '优先级', cState: '状态', cMessage: '信息', cSource: '来源', cRaised: '发生时间',
    cValue: '数值', cActions: '操作', ack: '确认', shelve: '搁置2小时', reasonPrompt: '搁置原因（必填）：', none: '没有需要处理的报警。',
    cTime: '时间', cEvent: '事件', cUser: '操作人',
    states: { UNACKNOWLEDGED: '未确认', ACKNOWLEDGED: '已确认', RTN_UNACKNOWLEDGED: '已恢复未确认', NORMAL: '正常', SHELVED: '已搁置' } },
};

let alarms = [];
let known = new Set();

function cell(label, text, cls) {
  const td = el('td', cls, text);
  td.dataset.label = label;
  return td;
}

function beep() {
  if (!$('sound').checked) return;
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    o.frequency.value = 880;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.25);
  } catch (e) { console.error(e); }
}

async function command(id, what, body) {
  const r = await fetch(`/api/alarms/${id}/${what}`, { method: 'POST',
    headers: Object.assign({ 'Content-Type': 'application/json' }, csrfHeaders()), body: JSON.stringify(body) });
  $('info').textContent = r.ok ? '' : `${r.status}: ${(await r.json().catch(() => ({}))).message || ''}`;
  release(r);
}

function render() {
  const head = el('tr');
  [t('cPriority'), t('cState'), t('cMessage'), t('cSource'), t('cRaised'), t('cValue'), t('cActions')].forEach((h) => head.append(el('th', '', h)));
  $('active').tHead.replaceChildren(head);
  const lang = document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en';
  $('active').tBodies[0].replaceChildren(...alarms.map((a) => {
    const tr = el('tr', `alarm-${a.priority} state-${a.state}`);
    tr.dataset.alarm = a.alarmId;
    const actions = cell(t('cActions'), '');
    if (a.state === 'UNACKNOWLEDGED' || a.state === 'RTN_UNACKNOWLEDGED') {
      const b = el('button', 'btn', t('ack'));
      b.type = 'button';
      b.addEventListener('click', () => command(a.alarmId, 'ack', { comment: '' }));
      actions.append(b);
    }
    if (!a.shelvedUntil) {
      const s = el('button', 'btn', t('shelve'));
      s.type = 'button';
      s.addEventListener('click', () => {
        const reason = prompt(t('reasonPrompt'));
        if (reason) command(a.alarmId, 'shelve', { duration: '2h', reason });
      });
      actions.append(' ', s);
    }
    tr.append(cell(t('cPriority'), a.priority, 'prio-' + a.priority), cell(t('cState'), t('states')[a.state] || a.state),
      cell(t('cMessage'), (a.messages && (a.messages[lang] || a.messages.en)) || a.ruleName), cell(t('cSource'), a.source),
      cell(t('cRaised'), time(a.raisedAt)), cell(t('cValue'), a.value === null ? '' : `${a.value} ${a.unit || ''}`, 'n'), actions);
    return tr;
  }));
  if (alarms.length === 0) $('info').textContent = t('none');
}

async function journal() {
  const p = new URLSearchParams();
  if ($('j-priority').value) p.set('priority', $('j-priority').value);
  if ($('j-point').value) p.set('point', $('j-point').value);
  const entries = await api('/api/alarms/journal?' + p);
  const head = el('tr');
  [t('cTime'), t('cEvent'), t('cMessage'), t('cSource'), t('cUser')].forEach((h) => head.append(el('th', '', h)));
  $('journal').tBodies[0].replaceChildren(head, ...entries.slice(0, 200).map((j) => {
    const tr = el('tr');
    const lang = document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en';
    tr.className = 'alarm-' + j.priority;
    tr.append(cell(t('cTime'), time(j.time)), cell(t('cEvent'), `${j.action}: ${j.from} → ${j.to}`),
      cell(t('cMessage'), (j.messages && (j.messages[lang] || j.messages.en)) || j.ruleId),
      cell(t('cSource'), j.source || ''), cell(t('cUser'), j.actor || ''));
    return tr;
  }));
}

function follow() {
  const source = openEventStream('/api/stream/alarms');
  source.addEventListener('alarms', (e) => {
    alarms = JSON.parse(e.data);
    alarms.forEach((a) => known.add(a.alarmId));
    render();
  });
  source.addEventListener('alarm', (e) => {
    const a = JSON.parse(e.data);
    if (!known.has(a.alarmId) && a.state === 'UNACKNOWLEDGED') beep();
    known.add(a.alarmId);
    alarms = alarms.filter((x) => x.alarmId !== a.alarmId);
    if (a.state !== 'NORMAL' || a.shelvedUntil) alarms.push(a);
    render();
  });
  source.onopen = () => setConnection('live');
  source.onerror = () => setConnection('offline');
}

async function start() {
  await initPage({ page: 'alarms', text: TEXT });
  fleetPanel(document.querySelector('main'), 'alarms').catch((e) => console.error(e));
  onLanguage(render);
  alarms = await api('/api/alarms').catch(() => []);
  render();
  $('j-search').addEventListener('click', () => journal().catch((e) => console.error(e)));
  journal().catch((e) => console.error(e));
  follow();
}

start();
