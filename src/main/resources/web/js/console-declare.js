// The declaration: regions (search or map), threat, subtype, stage, texts prefilled with the standard wording and
// editable, optional expiry; then the server's preview and the confirmation gesture. No <form>: Enter in a field
// never declares anything. The status is the console's mode, never a field beside the others.
import { regionName } from './i18n.js';
import { get, post } from './console-api.js';
import { w, h } from './console-words.js';
import { RegionPicker } from './console-picker.js';
import { PickMap } from './console-map.js';
import { previewView, confirmGesture } from './console-preview.js';

const $ = id => document.getElementById(id);
const THREATS = ['air_raid', 'artillery', 'urban_fights', 'chemical', 'nuclear', 'info'];
const SUBTYPES = ['drones', 'cruise_missile', 'ballistic_missile', 'aviation', 'unspecified'];
const TEXT_FIELDS = ['headline-uk', 'headline-en', 'instruction-uk', 'instruction-en'];

export class Declare {
  constructor(ctx) {
    this.ctx = ctx; // { regions, scope, mode(), announce(), words }
    this.edited = new Set();
    this.picker = new RegionPicker($('declare-picker'), ctx.regions, ctx.scope, { onChange: () => this.map.mark() });
    this.map = new PickMap($('pick-map'), ctx.regions, ctx.scope, this.picker);
    this.map.show(null);
    TEXT_FIELDS.forEach(f => $(f).addEventListener('input', () => this.edited.add(f)));
    $('threat').addEventListener('change', () => { this.subtypes(); this.prefill(); });
    $('subtype').addEventListener('change', () => this.prefill());
    document.querySelectorAll('input[name=stage]').forEach(r => r.addEventListener('change', () => this.prefill()));
    $('texts-reset').addEventListener('click', () => { this.edited.clear(); this.prefill(); });
    $('map-open').addEventListener('change', () => this.showMap());
    $('map-level').addEventListener('change', () => this.showMap());
    $('to-preview').addEventListener('click', () => this.preview());
    $('back-to-edit').addEventListener('click', () => this.edit());
    get('/api/v1/standard-texts').then(t => { this.standard = t.texts; this.prefill(); });
    this.render();
  }

  render() {
    const threat = $('threat').value || 'air_raid';
    $('threat').replaceChildren(...THREATS.map(t => h('option', { value: t }, this.ctx.words.threat(t))));
    $('threat').value = threat;
    this.subtypes();
    const open = $('map-open').value;
    const oblasts = this.ctx.regions.country.regions.slice().sort((a, b) => regionName(a).localeCompare(regionName(b)));
    $('map-open').replaceChildren(h('option', { value: '' }, w('wholeCountry')),
      ...oblasts.map(r => h('option', { value: r.code }, regionName(r))));
    $('map-open').value = open;
    this.picker.render();
  }

  subtypes() {
    const air = $('threat').value === 'air_raid';
    const current = $('subtype').value || 'drones';
    $('subtype').replaceChildren(...(air ? SUBTYPES : []).map(s => h('option', { value: s }, this.ctx.words.subtype(s))));
    $('subtype').disabled = !air;
    if (air) $('subtype').value = current;
  }

  showMap() {
    this.map.show($('map-open').value || null, $('map-level').value);
  }

  stage() {
    return document.querySelector('input[name=stage]:checked').value;
  }

  /** The standard wording for the choice, in every field the operator has not written in. */
  prefill() {
    if (!this.standard) return;
    const threat = $('threat').value;
    const key = `${threat === 'air_raid' ? `air_raid:${$('subtype').value}` : threat}/${this.stage()}`;
    const t = this.standard[key];
    if (!t) return;
    const values = { 'headline-uk': t.headline.uk, 'headline-en': t.headline.en,
      'instruction-uk': t.instruction.uk, 'instruction-en': t.instruction.en };
    TEXT_FIELDS.forEach(f => { if (!this.edited.has(f)) $(f).value = values[f]; });
  }

  body() {
    const threat = $('threat').value;
    const b = { regions: this.picker.codes(), threat, stage: this.stage(), status: this.ctx.mode(),
      headline: { uk: $('headline-uk').value, en: $('headline-en').value },
      instruction: { uk: $('instruction-uk').value, en: $('instruction-en').value } };
    if (threat === 'air_raid') b.subtype = $('subtype').value;
    const minutes = Number($('expiry').value);
    if (minutes) b.expires_at = new Date(Date.now() + minutes * 60000).toISOString();
    return b;
  }

  async preview() {
    $('declare-error').textContent = '';
    $('declare-result').textContent = '';
    if (!this.picker.codes().length) {
      $('declare-error').textContent = w('needRegions');
      return;
    }
    const body = this.body();
    let p;
    try {
      p = (await post('/api/v1/alerts/preview', body)).data;
    } catch (e) {
      $('declare-error').textContent = w('requestFailed') + e.message;
      return;
    }
    const held = p.outcome === 'pending_approval';
    const label = held ? w('requestApproval') : body.status === 'actual' ? w('issueActual') : w('issueExercise');
    $('declare-preview-body').replaceChildren(previewView(p, this.ctx.regions),
      confirmGesture(p, label, button => this.issue(body, button)));
    $('declare-edit').hidden = true;
    $('declare-preview').hidden = false;
    $('declare-preview').focus();
  }

  edit() {
    $('declare-preview').hidden = true;
    $('declare-edit').hidden = false;
    $('to-preview').focus();
  }

  async issue(body, button) {
    button.disabled = true;
    try {
      const r = await post('/api/v1/alerts', body);
      const held = r.status === 202;
      const result = $('declare-result');
      const id = held ? r.data.id : r.data.alert.id;
      result.replaceChildren(held ? w('sentForApproval')
        : `${w('issued')}: ${r.data.alert.headline[document.documentElement.lang === 'en' ? 'en' : 'uk']}`);
      // The one who just declared is the likeliest to see a mistake first: the retraction is offered right here.
      if (!held) {
        result.append(' ', h('button', { type: 'button', class: 'danger retract-now', 'data-action': 'retract-now',
          onclick: () => this.ctx.retract(id) }, w('falseAlarm')));
      }
      result.dataset.outcome = held ? 'pending_approval' : 'issued';
      result.dataset.alert = id;
      this.reset();
      $('declare-result').focus();
      this.ctx.changed();
    } catch (e) {
      button.disabled = false;
      $('declare-error').textContent = w('requestFailed') + e.message;
      this.edit();
    }
  }

  reset() {
    this.picker.clear();
    this.map.mark();
    this.edited.clear();
    $('expiry').value = '';
    this.prefill();
    $('declare-preview').hidden = true;
    $('declare-edit').hidden = false;
  }
}
