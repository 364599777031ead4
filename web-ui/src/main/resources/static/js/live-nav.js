// The navigation bar of the pages whose own scripts predate the shell (live points, app.js; reports,
// reports.js): the same links as every other page, in the language the page's toggle chooses.
const NAV = [['', 'Overview', '总览'], ['live', 'Live points', '实时测点'], ['trends', 'Trends', '趋势'],
  ['consumption', 'Consumption & cost', '能耗与成本'], ['flow', 'Energy flow', '能流图'], ['devices', 'Devices', '设备'],
  ['alarms', 'Alarms', '报警'], ['reports.html', 'Reports', '报表'], ['screen', 'Big screen', '大屏']];

function render(nav) {
  const zh = document.documentElement.lang === 'zh-CN';
  nav.replaceChildren(...NAV.map(([path, en, cn]) => {
    const a = document.createElement('a');
    a.href = '/' + path;
    a.textContent = zh ? cn : en;
    if ('/' + path === location.pathname) a.setAttribute('aria-current', 'page');
    return a;
  }));
}

const nav = document.createElement('nav');
nav.className = 'nav';
nav.id = 'nav';
nav.setAttribute('aria-label', 'Wattline');
const bar = document.querySelector('.topbar');
bar.classList.add('shell');
bar.append(nav);
render(nav);
new MutationObserver(() => render(nav)).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
