// Choosing regions: by search (/api/v1/regions?q=, any level, settlements give their hromada) or on the map; the
// chosen ones as a list, each with a remove button. A region outside the operator's scope is shown as such and
// cannot be chosen (the server would refuse it anyway: this keeps the operator from trying).
import { regionName } from './i18n.js';
import { get } from './console-api.js';
import { w, h } from './console-words.js';

/** The operator's scope: every region for an admin (or a scope of the country), else its regions and below. */
export class Scope {
  constructor(actor, regions) {
    this.all = actor.role === 'admin' || actor.scope.includes('UA');
    this.codes = new Set(actor.scope);
    this.regions = regions;
  }

  covers(r) {
    if (this.all) return true;
    if (!r) return false;
    if (r.kind === 'country') return false;
    const chain = [r.code, r.parent, this.regions.oblastOf(r.code), ...this.regions.ancestors(r.code)];
    return chain.some(c => c && this.codes.has(c));
  }
}

let counter = 0;

export class RegionPicker {
  /** {@code scope} null: no limit (an admin choosing a new token's scope). */
  constructor(root, regions, scope, { onChange = () => {}, label } = {}) {
    this.root = root;
    this.regions = regions;
    this.scope = scope;
    this.onChange = onChange;
    this.chosen = new Map(); // code -> region
    const id = `pick-${++counter}`;
    this.input = h('input', { id: `${id}-q`, type: 'search', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': `${id}-chosen-h` });
    this.results = h('ul', { class: 'results', 'aria-live': 'polite' });
    this.list = h('ul', { class: 'chosen', id: `${id}-chosen` });
    this.empty = h('p', { class: 'note' });
    this.searchButton = h('button', { type: 'button', onclick: () => this.search() });
    this.label = h('label', { for: this.input.id });
    this.labelKey = label || 'regionSearch';
    this.chosenH = h('p', { id: `${id}-chosen-h`, class: 'chosen-h' });
    this.countryButton = h('button', { type: 'button', class: 'link', onclick: () => this.add(this.country()) });
    // Enter searches; it never submits anything.
    this.input.addEventListener('keydown', e => {
      if (e.key === 'Enter') { e.preventDefault(); this.search(); }
    });
    root.replaceChildren(this.label, h('div', { class: 'row' }, this.input, this.searchButton), this.results,
      this.chosenH, this.list, this.empty, h('p', {}, this.countryButton));
    this.render();
  }

  country() {
    return { code: 'UA', kind: 'country', name: { uk: 'Україна', en: 'Ukraine' } };
  }

  inScope(r) {
    if (!this.scope) return true;
    if (r.kind === 'country') return this.scope.all;
    return this.scope.covers(r);
  }

  async search() {
    const q = this.input.value.trim();
    if (!q) return;
    const found = await get(`/api/v1/regions?q=${encodeURIComponent(q)}&limit=8`);
    this.results.replaceChildren(...(found.regions.length ? found.regions.map(r => this.result(r))
      : [h('li', {}, w('noResults'))]));
  }

  result(r) {
    const ok = this.inScope(r);
    const via = r.settlement ? ` (${regionName(r.settlement)})` : '';
    const text = `${regionName(r)}${via}`;
    return h('li', {}, h('button', { type: 'button', 'data-code': r.code, disabled: !ok, 'aria-disabled': ok ? null : 'true',
      onclick: () => { this.add(r); this.results.replaceChildren(); this.input.value = ''; this.input.focus(); } },
    text, ok ? '' : ` — ${w('outOfScope')}`));
  }

  add(r) {
    if (!r || !this.inScope(r)) return false;
    if (r.code === 'UA') this.chosen.clear();
    else this.chosen.delete('UA');
    this.chosen.set(r.code, r);
    this.regions.byCode.has(r.code) || r.code === 'UA' || this.regions.byCode.set(r.code, r);
    this.render();
    this.onChange();
    return true;
  }

  toggle(r) {
    if (this.chosen.has(r.code)) this.remove(r.code);
    else this.add(r);
  }

  remove(code) {
    this.chosen.delete(code);
    this.render();
    this.onChange();
  }

  set(codes) {
    this.chosen.clear();
    for (const c of codes) this.chosen.set(c, this.regions.get(c) || { code: c, name: { uk: c, en: c } });
    this.render();
  }

  clear() {
    this.chosen.clear();
    this.render();
  }

  codes() {
    return [...this.chosen.keys()];
  }

  render() {
    this.label.textContent = w(this.labelKey);
    this.searchButton.textContent = w('search');
    this.chosenH.textContent = w('chosen');
    this.countryButton.textContent = w('wholeCountry');
    this.countryButton.hidden = !!this.scope && !this.scope.all;
    this.empty.textContent = this.chosen.size ? '' : w('noneChosen');
    this.list.replaceChildren(...[...this.chosen.values()].map(r => h('li', { 'data-code': r.code },
      h('span', {}, regionName(r)), ' ',
      h('button', { type: 'button', class: 'remove', 'aria-label': w('remove', regionName(r)),
        onclick: () => this.remove(r.code) }, '×'))));
  }
}
