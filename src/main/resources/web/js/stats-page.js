// /stats: every oblast ranked by time under alert over the whole record (imported history and live alerts).
import { lang, regionName } from './i18n.js';
import { applyWords, languageSwitch } from './page.js';
import { rankingChart } from './charts.js';

const TITLE = { uk: 'Тривоги в Україні: області за часом під тривогою', en: 'Alerts in Ukraine: oblasts by time under alert' };
let ranking = null;

function render() {
  document.getElementById('stats-title').textContent = TITLE[lang()];
  if (!ranking) return;
  document.getElementById('stats-period').textContent = `${ranking.from.slice(0, 10)} — ${ranking.to.slice(0, 10)}`;
  document.getElementById('ranking').replaceChildren(rankingChart(ranking,
    r => regionName({ name: { uk: r.name_uk, en: r.name_en } })));
}

async function start() {
  languageSwitch(render);
  applyWords();
  render();
  const res = await fetch('/api/v1/stats/regions?level=oblast');
  if (res.ok) ranking = await res.json();
  render();
}

start();
