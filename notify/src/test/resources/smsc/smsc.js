// A test SMSC on the npm "smpp" server. Usage: node smsc.js PORT [PASSWORD]
// Prints one event a line: tab-separated key=value fields, values URI-encoded, the first key "event"
// (ready, bind, submit, message, enquire_link, delivered, dropped, throttled, error).
// Reads JSON commands a line on stdin:
//   {"cmd":"deliver","from":"8613800000001","to":"10690000","text":"确认 1234"}  an MO SMS to every bound ESME
//   {"cmd":"drop"}                 closes every session (a lost link)
//   {"cmd":"throttle","count":3}  answers the next 3 submit_sm with ESME_RTHROTTLED
'use strict';
const smpp = require('smpp');
const readline = require('readline');

const port = parseInt(process.argv[2], 10);
const password = process.argv[3] || '';
const sessions = new Set();
const pending = new Map();
let nextId = 1;
let throttle = 0;

function emit(o) {
  const fields = Object.entries(o).map(([k, v]) =>
    k + '=' + encodeURIComponent(Array.isArray(v) ? v.join(',') : v === null || v === undefined ? '' : String(v)));
  process.stdout.write(fields.join('\t') + '\n');
}

function concatenation(udhList) {
  for (const u of udhList || []) {
    if (u[0] === 0x00 && u[1] === 3) return { ref: u[2], total: u[3], seq: u[4] };
    if (u[0] === 0x08 && u[1] === 4) return { ref: (u[2] << 8) | u[3], total: u[4], seq: u[5] };
  }
  return null;
}

function receipt(session, pdu, id) {
  const stamp = '2603020200';
  session.deliver_sm({
    source_addr: pdu.destination_addr,
    destination_addr: pdu.source_addr,
    esm_class: 0x04,
    short_message: 'id:' + id + ' sub:001 dlvrd:001 submit date:' + stamp + ' done date:' + stamp
      + ' stat:DELIVRD err:000 text:',
    receipted_message_id: id,
    message_state: 2
  });
}

function onSubmit(session, pdu) {
  if (throttle > 0) {
    throttle--;
    session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
    emit({ event: 'throttled', to: pdu.destination_addr });
    return;
  }
  const id = 'S' + (nextId++);
  session.send(pdu.response({ message_id: id }));
  const sm = pdu.short_message || {};
  const text = typeof sm.message === 'string' ? sm.message : String(sm.message || '');
  const concat = concatenation(sm.udh);
  const part = {
    event: 'submit', id: id, from: pdu.source_addr, to: pdu.destination_addr, toTon: pdu.dest_addr_ton,
    dataCoding: pdu.data_coding, esmClass: pdu.esm_class, text: text,
    userMessageReference: pdu.user_message_reference === undefined ? null : pdu.user_message_reference,
    ref: concat ? concat.ref : null, total: concat ? concat.total : 1, seq: concat ? concat.seq : 1,
    at: Date.now()
  };
  emit(part);
  if (pdu.registered_delivery & 0x01) receipt(session, pdu, id);
  if (!concat) {
    emit({ event: 'message', to: part.to, text: text, parts: 1, ids: [id], dataCoding: pdu.data_coding,
      userMessageReference: part.userMessageReference });
    return;
  }
  const key = part.from + '/' + part.to + '/' + concat.ref + '/' + concat.total;
  const p = pending.get(key) || { parts: new Map() };
  p.parts.set(concat.seq, part);
  pending.set(key, p);
  if (p.parts.size === concat.total) {
    pending.delete(key);
    const ordered = [...p.parts.keys()].sort((a, b) => a - b).map(k => p.parts.get(k));
    emit({ event: 'message', to: part.to, text: ordered.map(x => x.text).join(''), parts: concat.total,
      ids: ordered.map(x => x.id), dataCoding: pdu.data_coding, userMessageReference: part.userMessageReference });
  }
}

const server = smpp.createServer(function (session) {
  session.on('error', e => emit({ event: 'error', message: String(e) }));
  session.on('bind_transceiver', pdu => {
    if (password && pdu.password !== password) {
      session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
      emit({ event: 'bind-refused', systemId: pdu.system_id });
      session.close();
      return;
    }
    session.send(pdu.response());
    sessions.add(session);
    emit({ event: 'bind', systemId: pdu.system_id });
  });
  session.on('enquire_link', pdu => {
    session.send(pdu.response());
    emit({ event: 'enquire_link' });
  });
  session.on('unbind', pdu => {
    session.send(pdu.response());
    session.close();
  });
  session.on('close', () => sessions.delete(session));
  session.on('submit_sm', pdu => onSubmit(session, pdu));
  session.on('deliver_sm_resp', () => {});
});

readline.createInterface({ input: process.stdin }).on('line', line => {
  if (!line.trim()) return;
  const c = JSON.parse(line);
  if (c.cmd === 'deliver') {
    for (const s of sessions) {
      s.deliver_sm({ source_addr: c.from, source_addr_ton: 1, source_addr_npi: 1, destination_addr: c.to || '',
        short_message: c.text });
    }
    emit({ event: 'delivered', sessions: sessions.size });
  } else if (c.cmd === 'drop') {
    const n = sessions.size;
    for (const s of sessions) s.destroy();
    sessions.clear();
    emit({ event: 'dropped', sessions: n });
  } else if (c.cmd === 'throttle') {
    throttle = c.count;
    emit({ event: 'throttling', count: c.count });
  }
}).on('close', () => process.exit(0));

server.listen(port, '127.0.0.1', () => emit({ event: 'ready', port: port }));
