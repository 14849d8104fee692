// /alerts/{id}: one alert's regions on the (live) map, its texts in the chosen language, and its history of
// updates from the log: the page a CAP message's <web> links to.
import { t, text, threatLabel, stageLabel, kyivTime, duration, regionName } from './i18n.js';
import { Live } from './live.js';
import { Regions } from './regions.js';
import { MapView } from './map.js';
import { h } from './list.js';
import { applyWords, languageSwitch, connectionLine, everyHalfMinute, notePaint } from './page.js';

const id = decodeURIComponent(location.pathname.split('/')[2] || '');
const regions = new Regions();
let alert = null, events = [], map = null;
const live = new Live(change => {
  if (change.event && change.event.alert.id === id) {
    alert = change.event.alert;
    events.push(change.event);
  }
  render();
  notePaint(change);
});

function render() {
  connectionLine(live);
  if (!alert) return;
  const title = `${stageLabel(alert)}: ${threatLabel(alert)}`;
  document.getElementById('alert-title').textContent = (alert.status !== 'actual' ? `${t(alert.status)} — ` : '') + title;
  document.title = `Tocsin — ${title}`;
  const banner = document.getElementById('alert-banner');
  const ended = !!alert.ended_at;
  banner.dataset.state = ended ? 'calm' : 'alert';
  banner.replaceChildren(h('p', { class: 'place-state', text: ended ? `${t('ended')} (${t('endedReason')[alert.end_reason] || alert.end_reason})` : t('alert') }),
    h('p', { class: 'place-detail', text: ended
      ? `${kyivTime(alert.issued_at)}–${kyivTime(alert.ended_at)} · ${t('lasted', duration(Date.parse(alert.ended_at) - Date.parse(alert.issued_at)))}`
      : `${t('since', kyivTime(alert.issued_at))} · ${t('lasting', duration(Date.now() - Date.parse(alert.issued_at)))}` }),
    h('p', { class: 'headline', text: text(alert.headline) }));
  if (!ended && alert.time_to_shelter_seconds) banner.append(h('p', { class: 'place-shelter', text: t('shelter', alert.time_to_shelter_seconds) }));
  document.getElementById('alert-instruction').textContent = text(alert.instruction);
  document.getElementById('alert-regions').replaceChildren(...alert.regions.map(c => h('li', {},
    h('a', { href: `/regions/${encodeURIComponent(c)}`, text: regions.get(c) ? regionName(regions.get(c)) : c }))));
  const word = { 'alert.issued': t('issued'), 'alert.updated': t('updated'), 'alert.ended': t('ended') };
  document.getElementById('alert-history').replaceChildren(...events.map(e => h('li', { 'data-seq': e.seq },
    h('strong', { text: `${word[e.type] || e.type} ${kyivTime(e.at)}` }),
    document.createTextNode(` — ${stageLabel(e.alert)}: ${threatLabel(e.alert)}; ${e.alert.regions.map(c => regions.get(c) ? regionName(regions.get(c)) : c).join(', ')}`
      + (e.alert.ended_at ? ` (${t('endedReason')[e.alert.end_reason] || ''})` : '')))));
  if (map) map.update(live.known(), live.state === 'lost');
}

async function start() {
  languageSwitch(render);
  applyWords();
  const [a, ev] = await Promise.all([fetch(`/api/v1/alerts/${encodeURIComponent(id)}`), fetch(`/api/v1/alerts/${encodeURIComponent(id)}/events`)]);
  if (!a.ok) {
    document.getElementById('alert-title').textContent = t('notFound');
    return;
  }
  alert = await a.json();
  events = ev.ok ? (await ev.json()).events : [];
  live.start();
  everyHalfMinute(render);
  render();
  await regions.loadCountry();
  const oblasts = new Set(alert.regions.map(c => regions.oblastOf(c)).filter(Boolean));
  await Promise.all([...oblasts].filter(o => !alert.regions.includes(o)).map(o => regions.loadDetail(o)));
  map = new MapView(document.getElementById('map'), regions, { onOpen: () => {} });
  map.draw();
  map.select(alert.regions);
  if (oblasts.size === 1) await map.open([...oblasts][0]);
  render();
}

start();
