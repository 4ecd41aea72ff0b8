/**
 * The dashboard's one script, served as `dashboard.js` and written by the static
 * export: progressive enhancement of the overview's search form only. Every page works
 * without it — the served dashboard answers the form itself, the static export offers
 * pre-rendered views and folders in `<details>`.
 *
 * - Served: choosing a language, a state or an order applies at once (no button press).
 * - Static, on the page listing every document: shows the form, applies it in the page
 *   as you type (filter, sort, folders re-ordered), keeps it in the address (`?q=…`), and
 *   applies the address's query on load, so a link to `index.html?state=stale` works.
 *   On a pre-rendered view (a subset), the form goes to that full page instead.
 *
 * An external file because the pages' Content-Security-Policy allows no inline script.
 */
export const DASHBOARD_JS = `'use strict';
(function () {
  var form = document.querySelector('form.find');
  if (!form) return;
  if (form.getAttribute('data-mode') === 'served') {
    form.addEventListener('change', function (event) {
      if (event.target && event.target.name !== 'q') form.submit();
    });
    return;
  }
  form.hidden = false;
  var folders = document.querySelector('.folders');
  var status = document.getElementById('find-status');
  if (!folders || !status || folders.getAttribute('data-complete') !== 'true') return;
  var all = Array.prototype.slice;
  var plural = new Intl.PluralRules(document.documentElement.lang);
  var words = function (n, one, other) { return (plural.select(n) === 'one' ? one : other).replace('{{count}}', String(n)); };
  var params = new URLSearchParams(location.search);
  if (params.has('q') || params.has('locale') || params.has('state') || params.has('sort')) {
    form.elements.q.value = params.get('q') || '';
    form.elements.locale.value = params.get('locale') || '';
    var wanted = params.getAll('state').join(',').split(',');
    all.call(form.querySelectorAll('input[name=state]')).forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    if (params.get('sort')) form.elements.sort.value = params.get('sort');
  }
  // As core rounds: tenths of a percent, 100 when there is nothing to translate.
  function percent(current, total) { return total === 0 ? 100 : Math.round((current / total) * 1000) / 10; }
  // Oldest first as the server orders: most days behind, then most commits; unknown last.
  function known(x, y) { return x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x; }
  function older(a, b) { return known(a ? a.days : null, b ? b.days : null) || known(a ? a.commits : null, b ? b.commits : null); }
  function number(cell, name) { return cell.hasAttribute(name) ? Number(cell.getAttribute(name)) : null; }
  function figures(row, locale) {
    var current = 0, total = 0, oldest = null, states = [];
    all.call(row.querySelectorAll('td[data-locale]')).forEach(function (cell) {
      if (locale && cell.getAttribute('data-locale') !== locale) return;
      current += Number(cell.getAttribute('data-current'));
      total += Number(cell.getAttribute('data-total'));
      states.push(cell.getAttribute('data-states') || '');
      if (!cell.hasAttribute('data-stale')) return;
      var stale = { days: number(cell, 'data-days'), commits: number(cell, 'data-commits') };
      if (!oldest || older(stale, oldest) < 0) oldest = stale;
    });
    return { current: current, total: total, share: percent(current, total), oldest: oldest, states: states };
  }
  function matches(f, wanted) {
    if (wanted.length === 0) return true;
    return wanted.some(function (s) {
      if (s === 'complete') return f.states.length > 0 && f.states.every(function (x) { return x.split(' ').indexOf('complete') >= 0; });
      return f.states.some(function (x) { return x.split(' ').indexOf(s) >= 0; });
    });
  }
  function order(sort) {
    return function (a, b) {
      if (sort === 'coverage' && a.share !== b.share) return a.share - b.share;
      if (sort === 'coverage-desc' && a.share !== b.share) return b.share - a.share;
      if (sort === 'age') {
        var by = older(a.oldest, b.oldest) || (a.oldest ? 0 : 1) - (b.oldest ? 0 : 1);
        if (by) return by;
      }
      return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    };
  }
  function apply() {
    var q = form.elements.q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var locale = form.elements.locale.value;
    var wanted = all.call(form.querySelectorAll('input[name=state]:checked')).map(function (b) { return b.value; });
    var sort = form.elements.sort.value;
    var shown = 0, total = 0, groups = [];
    all.call(folders.querySelectorAll('[data-locale]')).forEach(function (cell) {
      cell.hidden = Boolean(locale) && cell.getAttribute('data-locale') !== locale;
    });
    all.call(folders.querySelectorAll('details.folder')).forEach(function (group) {
      var body = group.querySelector('tbody');
      var rows = [], current = 0, sum = 0, count = 0, oldest = null;
      all.call(body.rows).forEach(function (row) {
        total += 1;
        var f = figures(row, locale);
        var text = row.getAttribute('data-search') || '';
        var visible = q.every(function (w) { return text.indexOf(w) >= 0; }) && matches(f, wanted);
        row.hidden = !visible;
        f.key = text.split('\\n')[0];
        f.row = row;
        rows.push(f);
        if (!visible) return;
        count += 1;
        current += f.current;
        sum += f.total;
        if (f.oldest && (!oldest || older(f.oldest, oldest) < 0)) oldest = f.oldest;
      });
      rows.sort(order(sort)).forEach(function (f) { body.appendChild(f.row); });
      group.hidden = count === 0;
      shown += count;
      var counter = group.querySelector('.count');
      if (counter) counter.textContent = words(count, folders.getAttribute('data-one'), folders.getAttribute('data-other'));
      groups.push({ key: group.getAttribute('data-folder') || '', share: percent(current, sum), oldest: oldest, row: group, count: count });
    });
    groups.sort(order(sort)).forEach(function (g) { folders.appendChild(g.row); });
    var filtered = q.length > 0 || wanted.length > 0;
    groups.forEach(function (g, i) { g.row.open = g.count > 0 && (shown <= 150 || i === 0 || (filtered && g.count > 0 && shown <= 400)); });
    status.textContent = words(shown, status.getAttribute('data-one'), status.getAttribute('data-other')).replace('{{total}}', String(total));
    var next = new URLSearchParams();
    if (q.length) next.set('q', form.elements.q.value.trim());
    if (locale) next.set('locale', locale);
    wanted.forEach(function (s) { next.append('state', s); });
    if (sort !== 'path') next.set('sort', sort);
    var query = next.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
  }
  var timer = 0;
  form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
  apply();
})();
`;
