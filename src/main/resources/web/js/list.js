// The list beside the map: the text equivalent of it. Active alerts grouped by oblast (an alert over several
// oblasts is listed under each), the most severe and newest first; each with its threat in words, where, since
// when and for how long (Kyiv time), headline and instruction in the chosen language, and a link to its page.
import { t, text, threatLabel, stageLabel, kyivTime, duration, regionName, severity } from './i18n.js';
import { mostSevere } from './map.js';

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  e.append(...children.filter(c => c !== null && c !== undefined));
  return e;
}

export function swatch(a) {
  const s = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  s.setAttribute('class', 'swatch');
  s.setAttribute('aria-hidden', 'true');
  s.setAttribute('viewBox', '0 0 16 16');
  const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  r.setAttribute('width', '16');
  r.setAttribute('height', '16');
  if (a.state) r.dataset.state = a.state;
  if (a.threat) r.dataset.threat = a.threat;
  if (a.stage) r.dataset.stage = a.stage;
  s.append(r);
  return s;
}

const byUrgency = (a, b) => severity(b) - severity(a) || b.issued_at.localeCompare(a.issued_at);

export function alertItem(a, regions, oblast, now = Date.now()) {
  const where = a.regions.filter(c => !oblast || regions.oblastOf(c) === oblast)
    .map(c => regions.get(c) ? regionName(regions.get(c)) : c);
  const li = h('li', { class: 'alert-item', 'data-id': a.id, 'data-threat': a.threat, 'data-stage': a.stage });
  const head = h('p', { class: 'what' }, swatch({ state: 'alert', threat: a.threat, stage: a.stage }),
    h('strong', { text: `${stageLabel(a)}: ${threatLabel(a)}` }));
  if (a.status !== 'actual') head.prepend(h('span', { class: 'drill', text: t(a.status) + ' — ' }));
  li.append(head,
    h('p', { class: 'where', text: where.join(', ') }),
    h('p', { class: 'when', text: `${t('since', kyivTime(a.issued_at))} · ${t('lasting', duration(now - Date.parse(a.issued_at)))}` }),
    h('p', { class: 'headline', text: text(a.headline) }),
    text(a.instruction) ? h('p', { class: 'instruction', text: text(a.instruction) }) : null,
    h('a', { href: `/alerts/${encodeURIComponent(a.id)}`, text: t('more'),
      'aria-label': `${t('more')}: ${threatLabel(a)}, ${where.join(', ')}` }));
  return li;
}

/** Fills the list; alerts null (nothing confirmed) shows no list at all, never an empty one. */
export function renderList(container, alerts, regions, stale = false) {
  container.replaceChildren();
  if (alerts === null) return;
  if (stale) container.append(h('p', { class: 'stale-note', text: `${t('unknownState')}: ${t('lastKnown')}` }));
  if (alerts.length === 0) {
    // "None" only while live: after the connection is lost, nobody knows.
    if (!stale) container.append(h('p', { class: 'none', text: t('noneActive') }));
    return;
  }
  const groups = new Map();
  for (const a of alerts) {
    for (const oblast of new Set(a.regions.map(c => regions.oblastOf(c) || c))) {
      if (!groups.has(oblast)) groups.set(oblast, []);
      groups.get(oblast).push(a);
    }
  }
  const ordered = [...groups.entries()].sort(([, x], [, y]) => byUrgency(mostSevere(x), mostSevere(y)));
  for (const [oblast, list] of ordered) {
    const r = regions.get(oblast);
    const section = h('section', { class: 'group', 'data-oblast': oblast },
      h('h3', {}, h('a', { href: `/regions/${encodeURIComponent(oblast)}`, text: r ? regionName(r) : oblast })));
    const ul = h('ul', { class: 'alerts' });
    list.sort(byUrgency).forEach(a => ul.append(alertItem(a, regions, oblast)));
    section.append(ul);
    container.append(section);
  }
}

/** Every oblast's state in words, linked to its page: what the map shows, for a screen reader. */
export function renderStates(ul, regions, alerts, stale) {
  const items = [];
  const oblasts = regions.country.regions.slice().sort((a, b) => regionName(a).localeCompare(regionName(b)));
  for (const r of oblasts) {
    let { state, alerts: why } = regions.stateOf(r.code, alerts);
    if (stale && state === 'calm') state = 'unknown';
    const words = { alert: t('alert'), partial: t('partial'), calm: t('calm'), unknown: t('unknown') }[state];
    const detail = why.length ? ` (${threatLabel(mostSevere(why))})` : '';
    items.push(h('li', { 'data-code': r.code, 'data-status': state },
      h('a', { href: `/regions/${encodeURIComponent(r.code)}`, text: regionName(r) }),
      document.createTextNode(`: ${words}${stale && state !== 'unknown' ? ' — ' + t('lastKnown') : ''}${detail}`)));
  }
  ul.replaceChildren(...items);
}

export { h };
