// Pictures of a region's record, drawn here as SVG from the statistics API (no chart library, no external
// service): hours under alert per month, an hour-of-day × weekday heat map, the longest alerts; and the national
// ranking of oblasts. Every chart is followed by the same numbers as a table, which is what a screen reader reads
// (the SVG itself is aria-hidden).
import { lang } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
const W = {
  uk: { months: 'Години під тривогою по місяцях', heat: 'Коли бувають тривоги: години під тривогою за годиною доби та днем тижня (час київський)',
    longest: 'Найдовші тривоги', ranking: 'Області за часом під тривогою', month: 'Місяць', hours: 'Годин',
    hour: 'Година', from: 'Від', to: 'До', lasted: 'Тривала', region: 'Регіон', alerts: 'Тривог', rank: 'Місце',
    table: 'Таблиця', days: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Нд'], none: 'Даних за цей період немає' },
  en: { months: 'Hours under alert per month', heat: 'When alerts come: hours under alert by hour of day and weekday (Kyiv time)',
    longest: 'Longest alerts', ranking: 'Oblasts by time under alert', month: 'Month', hours: 'Hours',
    hour: 'Hour', from: 'From', to: 'To', lasted: 'Lasted', region: 'Region', alerts: 'Alerts', rank: 'Rank',
    table: 'Table', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], none: 'No data for this period' },
};
const w = () => W[lang()];
const hours = s => Math.round(s / 360) / 10;

function el(tag, attrs = {}, ...children) {
  const e = tag.startsWith('svg:') ? document.createElementNS(NS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

function table(caption, head, rows) {
  return el('details', { class: 'chart-table' }, el('summary', { text: `${w().table}: ${caption}` }),
    el('table', {}, el('caption', { text: caption }),
      el('thead', {}, el('tr', {}, ...head.map(x => el('th', { scope: 'col', text: x })))),
      el('tbody', {}, ...rows.map(r => el('tr', {}, el('th', { scope: 'row', text: r[0] }),
        ...r.slice(1).map(x => el('td', { text: String(x) })))))));
}

function figure(id, caption, svg, tableNode) {
  svg.setAttribute('aria-hidden', 'true');
  return el('figure', { class: 'chart', 'data-chart': id }, el('figcaption', { text: caption }), svg, tableNode);
}

/** Bars of hours under alert per Kyiv month. */
export function monthsChart(stats) {
  const entries = Object.entries(stats.by_month);
  const max = Math.max(1, ...entries.map(([, s]) => s));
  const bw = 14, gap = 4, height = 120;
  const svg = el('svg:svg', { class: 'bars', viewBox: `0 0 ${Math.max(1, entries.length) * (bw + gap)} ${height + 16}` });
  svg.append(el('svg:text', { x: 0, y: 9, class: 'tick', text: `${hours(max)} ${lang() === 'en' ? 'h' : 'год'}` }));
  entries.forEach(([m, s], i) => {
    const hgt = (s / max) * height;
    svg.append(el('svg:rect', { x: i * (bw + gap), y: height - hgt, width: bw, height: Math.max(hgt, 0.5), class: 'bar-fill', 'data-month': m }));
    if (m.endsWith('-01')) svg.append(el('svg:text', { x: i * (bw + gap), y: height + 13, class: 'tick', text: m.slice(0, 4) }));
  });
  return figure('months', w().months, svg, table(w().months, [w().month, w().hours], entries.map(([m, s]) => [m, hours(s)])));
}

/** A 7 × 24 grid, darker for more time under alert in that hour of that weekday. */
export function heatChart(stats) {
  const grid = stats.by_weekday_hour;
  const max = Math.max(1, ...grid.flat());
  const c = 16;
  const svg = el('svg:svg', { class: 'heat', viewBox: `0 0 ${30 + 24 * c} ${7 * c + 16}` });
  grid.forEach((row, d) => {
    svg.append(el('svg:text', { x: 0, y: d * c + 12, class: 'tick', text: w().days[d] }));
    row.forEach((s, hr) => svg.append(el('svg:rect', { x: 30 + hr * c, y: d * c, width: c - 1, height: c - 1,
      class: 'heat-cell', 'fill-opacity': (0.06 + 0.94 * s / max).toFixed(3), 'data-day': d, 'data-hour': hr })));
  });
  for (const hr of [0, 6, 12, 18]) svg.append(el('svg:text', { x: 30 + hr * c, y: 7 * c + 13, class: 'tick', text: String(hr).padStart(2, '0') }));
  const head = [w().hour, ...w().days];
  const rows = Array.from({ length: 24 }, (_, hr) => [String(hr).padStart(2, '0'), ...grid.map(row => hours(row[hr]))]);
  return figure('heat', w().heat, svg, table(w().heat, head, rows));
}

const kyiv = iso => new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'uk-UA', { timeZone: 'Europe/Kyiv',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

/** The longest merged intervals as bars with their times. */
export function longestChart(stats) {
  const list = stats.longest;
  const max = Math.max(1, ...list.map(x => x.seconds));
  const svg = el('svg:svg', { class: 'bars', viewBox: `0 0 640 ${Math.max(1, list.length) * 18}` });
  list.forEach((x, i) => {
    const width = Math.max(1, 340 * x.seconds / max);
    svg.append(el('svg:text', { x: 0, y: i * 18 + 11, class: 'tick', text: kyiv(x.from) }),
      el('svg:rect', { x: 220, y: i * 18, height: 13, width, class: 'bar-fill' }),
      el('svg:text', { x: 224 + width, y: i * 18 + 11, class: 'tick', text: `${hours(x.seconds)} ${lang() === 'en' ? 'h' : 'год'}` }));
  });
  return figure('longest', w().longest, svg, table(w().longest, [w().from, w().to, w().hours],
    list.map(x => [kyiv(x.from), kyiv(x.to), hours(x.seconds)])));
}

/** The national ranking: one labelled bar per oblast, longest first, hours at its end. */
export function rankingChart(ranking, name) {
  const rows = ranking.regions;
  const max = Math.max(1, ...rows.map(r => r.seconds_under_alert));
  const svg = el('svg:svg', { class: 'bars', viewBox: `0 0 640 ${Math.max(1, rows.length) * 18}` });
  rows.forEach((r, i) => {
    const width = Math.max(1, 340 * r.seconds_under_alert / max);
    svg.append(el('svg:text', { x: 0, y: i * 18 + 11, class: 'tick', text: name(r) }),
      el('svg:rect', { x: 220, y: i * 18, height: 13, width, class: 'bar-fill', 'data-region': r.region }),
      el('svg:text', { x: 224 + width, y: i * 18 + 11, class: 'tick', text: String(hours(r.seconds_under_alert)) }));
  });
  return figure('ranking', w().ranking, svg, table(w().ranking, [w().rank, w().region, w().hours, w().alerts],
    rows.map(r => [String(r.rank), name(r), hours(r.seconds_under_alert), r.alerts])));
}

/** Fills a container with a region's three charts (or says there is nothing yet). */
export function renderRegionCharts(container, stats) {
  container.replaceChildren(...(stats.seconds_under_alert === 0 ? [el('p', { class: 'none', text: w().none })]
    : [monthsChart(stats), heatChart(stats), longestChart(stats)]));
}
