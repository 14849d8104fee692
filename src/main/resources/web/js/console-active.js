// Correcting fast: the active alerts in the operator's scope (of the console's mode), newest first. Each offers
// the all-clear and a change; for the first 15 minutes the first and largest action is "false alarm: retract".
// Every action shows its consequence first (the server's preview of the alert as it is, or as it would be), then
// one button carries it out.
import { regionName, threatLabel, kyivTime, duration } from './i18n.js';
import { get, post, patch } from './console-api.js';
import { w, h } from './console-words.js';
import { RegionPicker } from './console-picker.js';
import { previewView, regionLine } from './console-preview.js';

const $ = id => document.getElementById(id);
/** How long after its issue an alert's retraction is the first thing offered. */
export const FRESH_MS = 15 * 60 * 1000;
const langOf = () => (document.documentElement.lang === 'en' ? 'en' : 'uk');

export class Active {
  constructor(ctx) {
    this.ctx = ctx;
    this.alerts = [];
    this.open = null; // { id, kind } of the card whose action panel is open
  }

  async load() {
    const scope = this.ctx.scope;
    const q = scope.all ? '' : `&region=${encodeURIComponent([...scope.codes].join(','))}`;
    const r = await get(`/api/v1/alerts/active?status=${this.ctx.mode()}${q}`);
    this.alerts = r.alerts.slice().sort((a, b) => b.issued_at.localeCompare(a.issued_at));
    for (const a of this.alerts) await this.learn(a.regions);
    this.render();
  }

  /** Names of raions and hromadas the map has not loaded yet, for the cards. */
  async learn(codes) {
    for (const c of codes) {
      if (this.ctx.regions.get(c) || c === 'UA') continue;
      const r = await get(`/api/v1/regions/${encodeURIComponent(c)}`).catch(() => null);
      if (r) this.ctx.regions.byCode.set(c, r.region || r);
    }
  }

  render() {
    $('active-count').textContent = this.alerts.length ? `(${this.alerts.length})` : '';
    $('active-none').hidden = this.alerts.length > 0;
    const focused = document.activeElement && document.activeElement.closest('#active-list') ? document.activeElement.dataset.action : null;
    $('active-list').replaceChildren(...this.alerts.map(a => this.card(a)));
    if (focused && this.open) {
      const again = document.querySelector(`#active-list [data-id="${this.open.id}"] [data-action="${focused}"]`);
      if (again) again.focus();
    }
  }

  card(a) {
    const fresh = Date.now() - Date.parse(a.issued_at) < FRESH_MS;
    const names = a.regions.map(c => regionName(this.ctx.regions.get(c)) || c).join(', ');
    const action = (kind, label, cls) => h('button', { type: 'button', class: cls, 'data-action': kind,
      'aria-expanded': this.open && this.open.id === a.id && this.open.kind === kind ? 'true' : 'false',
      onclick: () => this.toggle(a, kind) }, label);
    const buttons = h('p', { class: 'row actions' },
      fresh ? action('false_alarm', w('falseAlarm'), 'danger big retract') : null,
      action('all_clear', w('allClear'), ''), action('change', w('change'), ''),
      fresh ? null : action('false_alarm', w('falseAlarm'), 'retract'));
    const panel = h('div', { class: 'panel', id: `panel-${a.id}` });
    const li = h('li', { class: `card ${a.status}`, 'data-id': a.id, 'data-fresh': fresh ? 'true' : 'false' },
      h('h3', {}, a.headline[langOf()] || threatLabel(a)),
      h('p', {}, threatLabel(a), ' · ', names),
      h('p', { class: 'hint' }, w('sinceFor', kyivTime(a.issued_at), duration(Date.now() - Date.parse(a.issued_at)))),
      buttons, panel);
    if (this.open && this.open.id === a.id) this.fill(panel, a, this.open.kind);
    return li;
  }

  toggle(a, kind) {
    this.open = this.open && this.open.id === a.id && this.open.kind === kind ? null : { id: a.id, kind };
    this.render();
    const panel = $(`panel-${a.id}`);
    const first = panel && panel.querySelector('button, input, select, textarea');
    if (first) first.focus();
  }

  fill(panel, a, kind) {
    if (kind === 'change') return this.changePanel(panel, a);
    const retract = kind === 'false_alarm';
    const status = h('p', { role: 'status' });
    const consequences = h('div', { class: 'consequence' },
      h('p', { class: retract ? 'reach public' : 'reach' }, w(retract ? 'falseAlarmPreview' : 'allClearPreview')),
      h('ul', { class: 'preview-regions' }, a.regions.map(c => h('li', {}, regionName(this.ctx.regions.get(c)) || c))));
    const go = h('button', { type: 'button', class: retract ? 'danger confirm' : 'primary confirm',
      'data-action': `confirm-${kind}` }, w(retract ? 'confirmFalseAlarm' : 'confirmAllClear'));
    go.addEventListener('click', async () => {
      go.disabled = true;
      try {
        await post(`/api/v1/alerts/${encodeURIComponent(a.id)}/end`, { reason: kind });
        this.ctx.announce(w(retract ? 'retracted' : 'ended'));
        this.open = null;
        await this.load();
        this.ctx.changed();
      } catch (e) {
        go.disabled = false;
        status.textContent = w('requestFailed') + e.message;
      }
    });
    panel.replaceChildren(consequences, h('p', { class: 'row' }, go), status);
    // The counts come from the server: the same regions, in words, with their hromadas.
    post(`/api/v1/alerts/${encodeURIComponent(a.id)}/preview`, {}).then(r => {
      consequences.querySelector('ul').replaceChildren(...r.data.regions.map(x => h('li', {}, regionLine(x))));
    }).catch(() => {});
  }

  changePanel(panel, a) {
    const picker = h('div');
    const stage = h('select', { id: `stage-${a.id}` }, h('option', { value: 'alert' }, w('stageAlert')),
      h('option', { value: 'pre_alert' }, w('stagePreAlert')));
    stage.value = a.stage;
    const hu = h('input', { id: `hu-${a.id}`, type: 'text', lang: 'uk', value: a.headline.uk || '' });
    const he = h('input', { id: `he-${a.id}`, type: 'text', lang: 'en', value: a.headline.en || '' });
    const result = h('div', { class: 'change-preview' });
    const status = h('p', { role: 'status' });
    const preview = h('button', { type: 'button', 'data-action': 'change-preview' }, w('toPreview'));
    panel.replaceChildren(picker,
      h('p', { class: 'row' }, h('label', { for: stage.id }, w('stage')), stage),
      h('p', {}, h('label', { for: hu.id }, w('headlineUk')), hu), h('p', {}, h('label', { for: he.id }, w('headlineEn')), he),
      h('p', {}, preview), result, status);
    const regions = new RegionPicker(picker, this.ctx.regions, this.ctx.scope);
    regions.set(a.regions);
    const patchBody = () => {
      const b = {};
      const codes = regions.codes();
      if (codes.join() !== a.regions.join()) b.regions = codes;
      if (stage.value !== a.stage) b.stage = stage.value;
      if (hu.value !== a.headline.uk || he.value !== a.headline.en) b.headline = { uk: hu.value, en: he.value };
      return b;
    };
    preview.addEventListener('click', async () => {
      const body = patchBody();
      try {
        const p = (await post(`/api/v1/alerts/${encodeURIComponent(a.id)}/preview`, body)).data;
        const apply = h('button', { type: 'button', class: a.status === 'actual' ? 'danger confirm' : 'exercise-button confirm',
          'data-action': 'confirm-change' }, p.outcome === 'pending_approval' ? w('requestApproval') : w('confirmChange'));
        apply.addEventListener('click', async () => {
          apply.disabled = true;
          try {
            const r = await patch(`/api/v1/alerts/${encodeURIComponent(a.id)}`, body);
            this.ctx.announce(r.status === 202 ? w('sentForApproval') : w('updated'));
            this.open = null;
            await this.load();
            this.ctx.changed();
          } catch (e) {
            apply.disabled = false;
            status.textContent = w('requestFailed') + e.message;
          }
        });
        result.replaceChildren(h('p', {}, w('changePreview')), previewView(p, this.ctx.regions), apply);
        apply.focus();
      } catch (e) {
        status.textContent = w('requestFailed') + e.message;
      }
    });
  }
}
