// A preview of what a write will do, from the server's own decision (POST /api/v1/alerts/preview and
// /api/v1/alerts/{id}/preview): the area on the map, the regions in words with their hromada counts, the message in
// both languages exactly as residents get it, and whether it reaches the public now, waits for a second operator,
// or stays an exercise. And the confirmation gestures: an exercise is one button; an actual alert needs a
// checkbox ticked first, or, for an oblast or more, the region's name typed.
import { regionName, threatLabel } from './i18n.js';
import { w, h } from './console-words.js';
import { drawArea } from './console-map.js';

const SVG = 'http://www.w3.org/2000/svg';
const pickLang = (obj, l) => (obj && obj[l]) || '';

export function regionLine(r) {
  return r.kind === 'hromada' ? regionName(r) : `${regionName(r)} — ${w('hromadas', r.hromadas)}`;
}

export function previewView(p, regions) {
  const a = p.alert;
  const actual = a.status === 'actual';
  const reach = p.outcome === 'pending_approval' ? h('p', { class: 'reach wait', 'data-reach': 'approval' }, w('waitsForApproval'))
    : actual ? h('p', { class: 'reach public', 'data-reach': 'public' }, '⚠ ', w('reachesPublic'))
      : h('p', { class: 'reach exercise', 'data-reach': 'exercise' }, w('exerciseOnly'));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'map preview-map');
  svg.setAttribute('role', 'img');
  drawArea(svg, regions, p.regions.map(r => r.code)).catch(() => {});
  const list = h('ul', { class: 'preview-regions' }, p.regions.map(r => h('li', { 'data-code': r.code }, regionLine(r))));
  const summary = p.regions.length > 1
    ? h('p', { class: 'summary' }, `${w('oblasts', p.oblast_count)}, ${w('hromadas', p.hromada_count)}`) : null;
  const messages = h('div', { class: 'messages' }, ['uk', 'en'].map(l => h('section', { class: 'message', lang: l,
    'data-lang': l, 'aria-label': w('messageIn', l) },
  h('p', { class: 'm-status' }, a.status === 'actual' ? '' : (l === 'uk' ? 'НАВЧАННЯ' : 'EXERCISE')),
  h('p', { class: 'm-headline' }, pickLang(a.headline, l)),
  h('p', { class: 'm-instruction' }, pickLang(a.instruction, l)))));
  return h('div', { class: `preview-view ${actual ? 'is-actual' : 'is-exercise'}` }, reach,
    h('p', { class: 'threat-line' }, threatLabel(a)), list, summary, svg, messages);
}

const normal = s => s.normalize('NFC').replace(/[’ʼ`´‘]/g, "'").trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/**
 * The confirmation for a declaration (or an approval) as previewed: {@code label} on the button, {@code run} on
 * confirming. Returns the element; the button stays disabled until the gesture is complete.
 */
export function confirmGesture(p, label, run) {
  const a = p.alert;
  const button = h('button', { type: 'button', class: a.status === 'actual' ? 'danger confirm' : 'exercise-button confirm' }, label);
  button.addEventListener('click', () => { if (!button.disabled) run(button); });
  if (a.status !== 'actual') return h('div', { class: 'gesture' }, button);
  button.disabled = true;
  const id = `g-${Math.random().toString(36).slice(2)}`;
  if (p.confirm_name) {
    const name = pickLang(p.confirm_name, document.documentElement.lang === 'en' ? 'en' : 'uk');
    const input = h('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', class: 'confirm-name' });
    input.addEventListener('input', () => { button.disabled = normal(input.value) !== normal(name); });
    // Enter never confirms: the operator must reach the button on purpose.
    input.addEventListener('keydown', e => { if (e.key === 'Enter') e.preventDefault(); });
    return h('div', { class: 'gesture' }, h('label', { for: id }, w('typeToConfirm', name)), input, button);
  }
  const box = h('input', { id, type: 'checkbox', class: 'confirm-real' });
  box.addEventListener('change', () => { button.disabled = !box.checked; });
  return h('div', { class: 'gesture' }, h('label', { for: id, class: 'check' }, box, ' ', w('confirmReal')), button);
}
