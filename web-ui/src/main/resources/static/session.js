// Who is signed in, sign-out, and the actions the role allows (the server checks the role anyway).
// State-changing requests of the browser session carry the CSRF token from the XSRF-TOKEN cookie.
'use strict';
(function () {
  const zh = () => (document.documentElement.lang || '').startsWith('zh');
  const text = (en, cn) => (zh() ? cn : en);

  function csrfToken() {
    const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : '';
  }

  /** POSTs with the session's CSRF token; what every page script should use for state changes. */
  window.wattlinePost = function (url, body, contentType) {
    return fetch(url, { method: 'POST', body, headers: { 'Content-Type': contentType || 'application/json',
      'X-XSRF-TOKEN': csrfToken(), Accept: 'application/json' } });
  };

  function element(tag, attrs, content) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (content) e.textContent = content;
    return e;
  }

  async function show() {
    const box = document.getElementById('session');
    if (!box) return;
    const response = await fetch('/api/session', { headers: { Accept: 'application/json' } });
    if (!response.ok) { if (response.body) response.body.cancel().catch(() => {}); return; }
    const session = await response.json();
    box.replaceChildren();
    box.appendChild(element('span', { id: 'session-user', class: 'session-user' }, `${session.user} · ${session.role}`));
    if (session.role === 'engineer' || session.role === 'admin') {
      const file = element('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv', hidden: '' });
      const button = element('button', { type: 'button', id: 'import-action', class: 'lang' },
        text('Import readings', '导入读数'));
      button.addEventListener('click', () => file.click());
      file.addEventListener('change', async () => {
        if (!file.files.length) return;
        const r = await window.wattlinePost('/api/readings/import', await file.files[0].text(), 'text/csv');
        const answer = await r.json().catch(() => ({}));
        button.title = r.ok ? `written ${answer.written}, rejected ${(answer.rejected || []).length}`
          : (answer.message || `HTTP ${r.status}`);
        file.value = '';
      });
      box.append(button, file);
    }
    const form = element('form', { method: 'post', action: '/logout', class: 'logout-form' });
    form.appendChild(element('input', { type: 'hidden', name: '_csrf', value: csrfToken() }));
    form.appendChild(element('button', { type: 'submit', id: 'logout', class: 'lang' }, text('Sign out', '退出')));
    form.addEventListener('submit', () => { form.querySelector('input').value = csrfToken(); });
    box.appendChild(form);
  }

  show();
})();
