// What every page shares: the static words (elements with data-t), the language switch, the connection line,
// the legend's patterns, and a clock that keeps durations current.
import { lang, setLang, t, kyivTime } from './i18n.js';

export function applyWords(root = document) {
  root.querySelectorAll('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
  root.querySelectorAll('[data-t-label]').forEach(e => e.setAttribute('aria-label', t(e.dataset.tLabel)));
  document.documentElement.lang = lang();
}

/** The language switch: the other language's name, in that language; the choice is remembered. */
export function languageSwitch(render) {
  const button = document.getElementById('lang-switch');
  const show = () => {
    button.textContent = t('switchTo');
    button.lang = lang() === 'uk' ? 'en' : 'uk';
  };
  button.addEventListener('click', () => {
    setLang(lang() === 'uk' ? 'en' : 'uk');
    applyWords();
    show();
    render();
  });
  applyWords();
  show();
}

/** The connection line: loading, live, or lost with the time; never a word about alerts. */
export function connectionLine(live) {
  const conn = document.getElementById('conn');
  if (live.state === 'live') conn.textContent = t('live');
  else if (live.state === 'lost') conn.textContent = t('lostSince', kyivTime(live.lostSince.toISOString()));
  else conn.textContent = live.failing ? t('neverLoaded') : t('loading');
  conn.dataset.state = live.state;
}

/** Re-renders every 30 s, so "for 1 h 12 min" stays true while nothing else changes. */
export function everyHalfMinute(render) {
  setInterval(render, 30000);
}

/** Records when a change reached the screen (the frame after it was applied), for the browser tests. */
export function notePaint(change) {
  if (!change || !change.event) return;
  const seq = change.event.seq;
  requestAnimationFrame(() => setTimeout(() => {
    (window.__tocsinPaints = window.__tocsinPaints || []).push({ seq, at: Date.now(),
      sinceEvent: Date.now() - Date.parse(change.event.at), sinceArrival: performance.now() - change.performedAt });
  }, 0));
}
