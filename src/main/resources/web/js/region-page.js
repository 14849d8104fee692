// /regions/{code}: the region's status now (live), what covers it, its chain, the last seven days and this month.
import { t, text, threatLabel, stageLabel, kyivTime, duration, regionName } from './i18n.js';
import { Live } from './live.js';
import { Regions } from './regions.js';
import { MapView, mostSevere } from './map.js';
import { h } from './list.js';
import { applyWords, languageSwitch, connectionLine, everyHalfMinute, notePaint } from './page.js';
import { renderWeek, monthStats, kyivMonthStart } from './timeline.js';
import { renderRegionCharts } from './charts.js';

const code = decodeURIComponent(location.pathname.split('/')[2] || '');
const regions = new Regions();
let region = null, map = null, week = null, month = null, record = null;
const live = new Live(change => { render(); notePaint(change); });

function render() {
  connectionLine(live);
  if (!region) return;
  document.getElementById('region-name').textContent = regionName(region);
  document.title = `Tocsin — ${regionName(region)}`;
  document.getElementById('region-kind').textContent = t('kinds')[region.kind] || '';
  const alerts = live.known();
  const lost = live.state !== 'live';
  const { state, alerts: why } = regions.stateOf(region.code, alerts);
  const banner = document.getElementById('region-banner');
  const shown = lost && state !== 'alert' ? 'unknown' : state;
  banner.dataset.state = shown;
  const top = why.length ? mostSevere(why) : null;
  const title = { alert: t('alert'), partial: t('partly'), calm: t('allClear'), unknown: t('unknownState') }[shown];
  banner.replaceChildren(h('p', { class: 'place-state', text: title }));
  if (top && top.time_to_shelter_seconds && shown === 'alert') banner.append(h('p', { class: 'place-shelter', text: t('shelter', top.time_to_shelter_seconds) }));
  if (top) banner.append(h('p', { class: 'place-detail', text: `${stageLabel(top)}: ${threatLabel(top)} · ${t('since', kyivTime(top.issued_at))} · ${t('lasting', duration(Date.now() - Date.parse(top.issued_at)))}${lost ? ` (${t('lastKnown')})` : ''}` }));
  const list = document.getElementById('region-alerts');
  list.replaceChildren(...(alerts === null ? [] : why.length ? why.map(a => h('li', { class: 'alert-item', 'data-id': a.id, 'data-threat': a.threat, 'data-stage': a.stage },
    h('p', {}, h('strong', { text: `${stageLabel(a)}: ${threatLabel(a)}` })),
    h('p', { class: 'when', text: `${t('since', kyivTime(a.issued_at))}${a.regions.includes(region.code) ? '' : ` · ${t(state === 'alert' ? 'coveredBy' : 'inParts')}: ${a.regions.map(c => regions.get(c) ? regionName(regions.get(c)) : c).join(', ')}`}` }),
    h('p', { class: 'headline', text: text(a.headline) }),
    h('p', { class: 'instruction', text: text(a.instruction) }),
    h('a', { href: `/alerts/${encodeURIComponent(a.id)}`, text: t('more') }))) : [h('li', { class: 'none', text: lost ? t('unknownState') : t('calm') })]));
  document.getElementById('region-chain').replaceChildren(...region.chain.filter(r => r.code !== region.code)
    .map(r => h('li', {}, r.kind === 'country' ? document.createTextNode(regionName(r)) : h('a', { href: `/regions/${encodeURIComponent(r.code)}`, text: regionName(r) }))));
  if (map) map.update(alerts, live.state === 'lost');
  if (week) {
    renderWeek(document.getElementById('timeline'), week);
    if (!week.length) document.getElementById('timeline').prepend(h('p', { class: 'none', text: t('noHistory') }));
  }
  if (month) document.getElementById('month-stats').textContent = monthStats(month, kyivMonthStart()).text;
  if (record) renderRegionCharts(document.getElementById('region-charts'), record);
}

async function history(from) {
  const q = from ? `?from=${encodeURIComponent(from.toISOString())}` : '';
  const res = await fetch(`/api/v1/regions/${encodeURIComponent(code)}/history${q}`);
  if (!res.ok) throw new Error(`history: HTTP ${res.status}`);
  return (await res.json()).alerts;
}

async function start() {
  languageSwitch(render);
  applyWords();
  const res = await fetch(`/api/v1/regions/${encodeURIComponent(code)}`);
  if (!res.ok) {
    document.getElementById('region-name').textContent = t('notFound');
    return;
  }
  region = await res.json();
  regions.learnChain(region.chain);
  live.start();
  everyHalfMinute(render);
  render();
  history().then(w => { week = w; render(); }).catch(() => {});
  history(kyivMonthStart()).then(m => { month = m; render(); }).catch(() => {});
  fetch(`/api/v1/stats/regions/${encodeURIComponent(code)}`).then(r => r.ok ? r.json() : null)
    .then(s => { record = s; render(); }).catch(() => {});
  await regions.loadCountry();
  const oblast = regions.oblastOf(region.code);
  if (oblast && oblast !== region.code) await regions.loadDetail(oblast);
  map = new MapView(document.getElementById('map'), regions, { onOpen: () => {} });
  map.draw();
  map.select([region.code]);
  if (oblast) await map.open(oblast);
  render();
}

start();
