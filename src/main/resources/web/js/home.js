// The public page at /: my place first, then the live map and the list beside it.
import { t, regionName, lang } from './i18n.js';
import { Live } from './live.js';
import { Regions } from './regions.js';
import { MapView } from './map.js';
import { renderList, renderStates, h } from './list.js';
import { Place } from './place.js';
import { applyWords, languageSwitch, connectionLine, everyHalfMinute, notePaint } from './page.js';
import { legend } from './legend.js';

const regions = new Regions();
let map = null;
const live = new Live(change => { render(); notePaint(change); });
const place = new Place(regions, () => render());

function render() {
  connectionLine(live);
  const alerts = live.known();
  const stale = live.state === 'lost';
  place.render(document.getElementById('place-banner'), live);
  renderPlaceTools();
  if (!regions.country) return; // the map's shapes (and the oblasts' names) have not arrived yet
  if (map) map.update(alerts, stale);
  renderList(document.getElementById('alerts'), alerts, regions, stale);
  renderStates(document.getElementById('region-states'), regions, alerts, stale);
  if (alerts !== null && !window.__tocsinFirstStatus) {
    // When the confirmed status first reached the screen (the frame after it was drawn), for the measurements.
    window.__tocsinFirstStatus = -1;
    requestAnimationFrame(() => setTimeout(() => { window.__tocsinFirstStatus = performance.now(); }, 0));
  }
  const count = document.getElementById('count');
  count.textContent = alerts === null ? '' : `(${alerts.length})`;
}

function renderPlaceTools() {
  const tools = document.getElementById('place-options');
  tools.hidden = !place.region;
  if (!place.region) return;
  const share = document.getElementById('share');
  share.href = `/?place=${encodeURIComponent(place.region.code)}`;
  document.getElementById('opt-sound').checked = !!place.options.sound;
  document.getElementById('opt-notify').checked = !!place.options.notify;
}

function zoomChoices() {
  const select = document.getElementById('zoom');
  const current = select.value;
  const oblasts = regions.country.regions.slice().sort((a, b) => regionName(a).localeCompare(regionName(b), lang()));
  select.replaceChildren(h('option', { value: '', text: t('wholeCountry') }),
    ...oblasts.map(r => h('option', { value: r.code, text: regionName(r) })));
  select.value = current;
}

function open(oblast) {
  document.getElementById('zoom').value = oblast || '';
  map.open(oblast);
}

function wireSearch() {
  const form = document.getElementById('place-search');
  const input = document.getElementById('place-q');
  const results = document.getElementById('place-results');
  let timer = null;
  const run = async () => {
    const q = input.value.trim();
    if (q.length < 2) { results.replaceChildren(); return; }
    const found = await place.search(q);
    if (input.value.trim() !== q) return;
    results.replaceChildren(...(found.length ? found.map(r => {
      const label = r.settlement ? `${r.settlement.name[lang()] || r.settlement.name.uk} — ${regionName(r)}` : regionName(r);
      const b = h('button', { type: 'button', class: 'result', 'data-code': r.code, text: label });
      b.addEventListener('click', async () => {
        results.replaceChildren();
        input.value = '';
        await place.choose(r.code);
        document.getElementById('place-banner').focus();
      });
      return h('li', {}, b);
    }) : [h('li', { class: 'none', text: t('noResults') })]));
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 200); });
  form.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); run(); });
  document.getElementById('locate').addEventListener('click', async () => {
    const note = document.getElementById('locate-note');
    note.textContent = t('locating');
    try {
      await place.locate();
      note.textContent = '';
    } catch (e) {
      note.textContent = e.message;
    }
  });
  document.getElementById('forget').addEventListener('click', () => place.forget());
  document.getElementById('opt-sound').addEventListener('change', e => place.setOption('sound', e.target.checked));
  document.getElementById('opt-notify').addEventListener('change', e => place.setOption('notify', e.target.checked));
}

async function start() {
  languageSwitch(() => { if (regions.country) zoomChoices(); legend(document.getElementById('legend')); render(); });
  applyWords();
  legend(document.getElementById('legend'));
  wireSearch();
  live.start();
  place.restore();
  everyHalfMinute(render);
  document.addEventListener('keydown', e => { if (e.key === 'Escape' && map && map.opened) open(null); });
  document.getElementById('zoom').addEventListener('change', e => open(e.target.value || null));
  // The map's shapes load beside the snapshot: the status is painted in words first if they are slower.
  for (;;) {
    try {
      await regions.loadCountry();
      break;
    } catch (e) {
      regions.countryLoading = null;
      await new Promise(r => setTimeout(r, 2000));
    }
  }
  map = new MapView(document.getElementById('map'), regions, { onOpen: open });
  map.draw();
  zoomChoices();
  render();
}

start();
