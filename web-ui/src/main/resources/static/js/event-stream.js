// Server-Sent Events shared by all of this browser's Wattline tabs (see stream-worker.js): a browser
// opens at most six HTTP/1.1 connections to one host, so a stream per tab would leave a seventh tab
// unable to load. openEventStream(url) answers an object used like an EventSource (addEventListener,
// onopen, onerror, readyState, close); where the browser has no SharedWorker (or refuses it), a plain
// EventSource.
let worker = null;
let workerTried = false;
const streams = new Map(); // id -> SharedStream

function sharedWorker() {
  if (workerTried) return worker;
  workerTried = true;
  if (typeof SharedWorker !== 'function') return null;
  try {
    worker = new SharedWorker('/js/stream-worker.js', { name: 'wattline-streams' });
    worker.port.onmessage = (e) => {
      const stream = streams.get(e.data && e.data.id);
      if (stream) stream.deliver(e.data);
    };
    worker.onerror = (e) => console.error('shared stream worker failed', e);
    worker.port.start();
    // a closing tab gives its streams back at once (the worker also ends with the last tab)
    addEventListener('pagehide', () => [...streams.values()].forEach((s) => s.close()));
  } catch (e) {
    console.error('no shared stream worker; one connection per stream', e);
    worker = null;
  }
  return worker;
}

let counter = 0;

class SharedStream {
  constructor(port, url) {
    this.port = port;
    this.url = url;
    this.id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${counter++}`;
    this.readyState = 0; // CONNECTING, as EventSource
    this.onopen = null;
    this.onerror = null;
    this.listeners = new Map();
    streams.set(this.id, this);
    // listeners added in the same task as the stream travel with the open request
    queueMicrotask(() => {
      if (this.readyState !== 2) port.postMessage({ op: 'open', id: this.id, url, events: [...this.listeners.keys()] });
      this.opened = true;
    });
  }

  addEventListener(name, fn) {
    if (!this.listeners.has(name)) {
      this.listeners.set(name, []);
      if (this.opened) this.port.postMessage({ op: 'listen', id: this.id, name });
    }
    this.listeners.get(name).push(fn);
  }

  close() {
    if (!streams.has(this.id)) return;
    this.readyState = 2;
    streams.delete(this.id);
    if (this.opened) this.port.postMessage({ op: 'close', id: this.id });
  }

  deliver(m) {
    if (m.type === 'event') {
      const event = { type: m.name, data: m.data, lastEventId: m.lastEventId };
      (this.listeners.get(m.name) || []).forEach((fn) => fn(event));
    } else if (m.type === 'open') {
      this.readyState = 1;
      if (this.onopen) this.onopen({ type: 'open' });
    } else if (m.type === 'error') {
      this.readyState = m.readyState;
      if (this.onerror) this.onerror({ type: 'error' });
    }
  }
}

export function openEventStream(url) {
  const absolute = new URL(url, location.href).href;
  const w = sharedWorker();
  return w ? new SharedStream(w.port, absolute) : new EventSource(absolute);
}
