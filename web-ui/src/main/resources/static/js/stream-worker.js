// Wattline's shared stream worker (a SharedWorker): one Server-Sent Events connection per stream URL
// for all of this browser's Wattline tabs. A browser opens at most six HTTP/1.1 connections to one
// host; with a stream per tab, the seventh tab would never load. Tabs talk to it through
// event-stream.js: {op:'open', id, url, events}, {op:'listen', id, name}, {op:'close', id}; it answers
// {id, type:'open'|'error'|'event', readyState, name, data, lastEventId}. The connection closes when
// the last tab using it closes its stream, and with the worker when every tab is gone.
'use strict';

const streams = new Map(); // url -> { url, source, subscribers: Map(id -> port), events: Set(name) }

function post(port, message) {
  try { port.postMessage(message); } catch (e) { /* the tab is gone */ }
}

function broadcast(stream, message) {
  stream.subscribers.forEach((port, id) => post(port, Object.assign({ id }, message)));
}

function listen(stream, name) {
  if (stream.events.has(name)) return;
  stream.events.add(name);
  stream.source.addEventListener(name, (e) =>
    broadcast(stream, { type: 'event', name, data: e.data, lastEventId: e.lastEventId }));
}

function connect(stream) {
  if (stream.source) stream.source.close();
  const source = new EventSource(stream.url);
  stream.source = source;
  const names = [...stream.events];
  stream.events = new Set();
  names.forEach((name) => listen(stream, name));
  source.onopen = () => broadcast(stream, { type: 'open', readyState: source.readyState });
  source.onerror = () => broadcast(stream, { type: 'error', readyState: source.readyState });
}

function streamOf(id) {
  for (const stream of streams.values()) if (stream.subscribers.has(id)) return stream;
  return null;
}

function open(port, { id, url, events }) {
  let stream = streams.get(url);
  if (!stream) {
    stream = { url, source: null, subscribers: new Map(), events: new Set(events || []) };
    streams.set(url, stream);
    stream.subscribers.set(id, port);
    connect(stream);
    return;
  }
  stream.subscribers.set(id, port);
  (events || []).forEach((name) => listen(stream, name));
  if (stream.source.readyState === EventSource.CLOSED) {
    connect(stream); // a tab asks again after the stream gave up: try again for every tab
  } else if (stream.source.readyState === EventSource.OPEN) {
    post(port, { id, type: 'open', readyState: EventSource.OPEN });
  }
}

function close({ id }) {
  const stream = streamOf(id);
  if (!stream) return;
  stream.subscribers.delete(id);
  if (stream.subscribers.size === 0) {
    stream.source.close();
    streams.delete(stream.url);
  }
}

self.onconnect = (event) => {
  const port = event.ports[0];
  port.onmessage = (e) => {
    const m = e.data || {};
    if (m.op === 'open') open(port, m);
    else if (m.op === 'listen') { const s = streamOf(m.id); if (s) listen(s, m.name); }
    else if (m.op === 'close') close(m);
  };
  port.start();
};
