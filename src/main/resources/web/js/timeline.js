// A region's last seven days as a timeline (one bar per Kyiv day, a block per span under alert) with the same
// spans as a list for screen readers, and this month's count of alerts and hours under alert.
import { t, threatLabel, kyivTime, kyivDay, kyivDate, kyivMidnight, duration } from './i18n.js';
import { h } from './list.js';

const DAY = 86400000;

/** Renders the week ending now from the history API's entries ({...alert, covered: {from, to}}). */
export function renderWeek(container, entries, now = new Date()) {
  // Hours of the day over the bars: 00, 06, 12, 18, 24 (Kyiv time).
  container.replaceChildren(h('div', { class: 'axis', 'aria-hidden': 'true' }, h('span'),
    h('div', { class: 'ticks' }, ...['00', '06', '12', '18', '24'].map(x => h('span', { text: x })))));
  const todayStart = kyivMidnight(now).getTime();
  for (let i = 6; i >= 0; i--) {
    // A day is 23 or 25 hours at a clock change: take the Kyiv midnights on either side.
    const start = kyivMidnight(new Date(todayStart - i * DAY + DAY / 2)).getTime();
    const end = i === 0 ? now.getTime() : kyivMidnight(new Date(start + DAY * 1.5)).getTime();
    const length = i === 0 ? kyivMidnight(new Date(start + DAY * 1.5)).getTime() - start : end - start;
    const bar = h('div', { class: 'bar', 'aria-hidden': 'true' });
    const items = [];
    for (const e of entries) {
      const from = Date.parse(e.covered.from);
      const to = e.covered.to ? Date.parse(e.covered.to) : now.getTime();
      const a = Math.max(from, start), b = Math.min(to, end);
      if (b <= a) continue;
      const span = h('div', { class: 'span', 'data-alert': e.id, 'data-threat': e.threat,
        title: `${threatLabel(e)} ${kyivTime(new Date(a).toISOString(), new Date(a))}–${kyivTime(new Date(b).toISOString(), new Date(b))}` });
      span.style.left = `${((a - start) / length) * 100}%`;
      span.style.width = `${((b - a) / length) * 100}%`;
      bar.append(span);
      items.push(h('li', { text: `${threatLabel(e)}: ${kyivTime(new Date(a).toISOString(), new Date(a))}–${e.covered.to || b < to ? kyivTime(new Date(b).toISOString(), new Date(b)) : '…'} (${duration(b - a)})` }));
    }
    const row = h('div', { class: 'day', 'data-day': new Date(start).toISOString() },
      h('span', { class: 'date', text: kyivDay(new Date(start + DAY / 2)) }), bar);
    container.append(row);
    if (items.length) container.append(h('ul', { class: 'spans' }, ...items));
  }
}

/** "12 тривог, 9 год 30 хв під тривогою": alerts that touched the month and the hours covered (overlaps once). */
export function monthStats(entries, monthStart, now = new Date()) {
  const ids = new Set();
  const spans = [];
  for (const e of entries) {
    const from = Math.max(Date.parse(e.covered.from), monthStart.getTime());
    const to = Math.min(e.covered.to ? Date.parse(e.covered.to) : now.getTime(), now.getTime());
    if (to <= from) continue;
    ids.add(e.id);
    spans.push([from, to]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  let total = 0, cur = null;
  for (const s of spans) {
    if (!cur || s[0] > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = s.slice();
    } else {
      cur[1] = Math.max(cur[1], s[1]);
    }
  }
  if (cur) total += cur[1] - cur[0];
  return { alerts: ids.size, ms: total, text: t('monthStats', ids.size, total ? duration(total) : `0 ${t('hours')}`) };
}

/** The first moment of this Kyiv calendar month. */
export function kyivMonthStart(now = new Date()) {
  const [y, m] = kyivDate(now).split('-').map(Number);
  // Noon UTC on the 1st is the 1st in Kyiv too (UTC+2 or +3).
  return kyivMidnight(new Date(Date.UTC(y, m - 1, 1, 12)));
}
