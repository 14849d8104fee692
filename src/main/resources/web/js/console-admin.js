// Administration (admins only): tokens — created with a secret shown once, in a box the admin dismisses, never
// stored by the console — and revoked; the event log with its actors, and the chain's verification state.
import { kyivTime, regionName } from './i18n.js';
import { get, post, del } from './console-api.js';
import { w, h } from './console-words.js';
import { RegionPicker } from './console-picker.js';

const $ = id => document.getElementById(id);
const AUDIT_ROWS = 50;

export class Admin {
  constructor(ctx) {
    this.ctx = ctx;
    this.scope = new RegionPicker($('new-scope'), ctx.regions, null, { label: 'tokenScope' });
    $('create-token').addEventListener('click', () => this.create());
    $('audit-verify').addEventListener('click', () => this.verify());
    $('new-name').addEventListener('keydown', e => { if (e.key === 'Enter') e.preventDefault(); });
  }

  async load() {
    await Promise.all([this.tokens(), this.audit()]);
  }

  async tokens() {
    const r = await get('/api/v1/tokens');
    $('tokens').tBodies[0].replaceChildren(...r.tokens.slice().reverse().map(t => h('tr', { 'data-id': t.id },
      h('td', {}, t.name), h('td', {}, t.role),
      h('td', {}, t.scope.map(c => regionName(this.ctx.regions.get(c)) || c).join(', ') || '—'),
      h('td', {}, t.revoked_at ? `${w('revoked')} ${kyivTime(t.revoked_at)}` : w('active')),
      h('td', {}, t.revoked_at ? '' : h('button', { type: 'button', 'data-action': 'revoke',
        'aria-label': `${w('revoke')}: ${t.name}`, onclick: () => this.revoke(t) }, w('revoke'))))));
  }

  async create() {
    $('token-error').textContent = '';
    const body = { name: $('new-name').value.trim(), role: $('new-role').value, scope: this.scope.codes() };
    try {
      const r = await post('/api/v1/tokens', body);
      const box = $('new-secret');
      const secret = h('code', { class: 'secret-value' }, r.data.token);
      const done = h('button', { type: 'button', onclick: () => { box.replaceChildren(); box.hidden = true; $('new-name').focus(); } },
        w('dismiss'));
      box.replaceChildren(h('p', {}, w('secretOnce')), h('p', {}, secret), h('p', {}, done));
      box.hidden = false;
      box.focus();
      $('new-name').value = '';
      this.scope.clear();
      await this.tokens();
    } catch (e) {
      $('token-error').textContent = w('requestFailed') + e.message;
    }
  }

  async revoke(t) {
    if (!window.confirm(w('revokeConfirm', t.name))) return;
    try {
      await del(`/api/v1/tokens/${encodeURIComponent(t.id)}`);
      await this.tokens();
    } catch (e) {
      $('token-error').textContent = w('requestFailed') + e.message;
    }
  }

  /** The latest events of the log, newest first, with who did each. */
  async audit() {
    const health = await get('/health');
    const after = Math.max(0, health.seq - AUDIT_ROWS);
    const r = await get(`/api/v1/audit?after=${after}&limit=${AUDIT_ROWS}`);
    $('audit').tBodies[0].replaceChildren(...r.events.slice().reverse().map(e => h('tr', {},
      h('td', {}, String(e.seq)), h('td', {}, kyivTime(e.at)), h('td', {}, e.type), h('td', {}, e.actor),
      h('td', {}, e.alert ? e.alert.id : ''))));
    await this.verify();
  }

  async verify() {
    const state = $('audit-state');
    state.textContent = w('auditChecking');
    const v = await get('/api/v1/audit/verify');
    const now = kyivTime(new Date().toISOString());
    state.dataset.intact = String(v.intact);
    state.textContent = v.intact ? w('auditOk', v.checked, now) : `${w('auditBroken', v.first_broken_seq, now)}: ${v.reason}`;
  }
}
