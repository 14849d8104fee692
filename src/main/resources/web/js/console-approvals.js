// Approving live: the held requests in the operator's scope (loaded on connect, then kept by the operator
// stream), each reviewed through the same preview the requester saw before it can be approved. A request the
// operator made is shown as such, with no approve button: a second operator must decide it (the server refuses it
// too). Review requests (one operator's alerts covering the two-person bound in pieces) are listed below.
import { kyivTime } from './i18n.js';
import { get, post } from './console-api.js';
import { w, h } from './console-words.js';
import { previewView, confirmGesture } from './console-preview.js';

const $ = id => document.getElementById(id);

/** An issue body that describes the held alert, for the preview. */
function asIssue(alert) {
  const b = { regions: alert.regions, threat: alert.threat, stage: alert.stage, status: alert.status,
    headline: alert.headline, instruction: alert.instruction };
  if (alert.threat === 'air_raid') b.subtype = alert.subtype;
  return b;
}

export class Approvals {
  constructor(ctx) {
    this.ctx = ctx;
    this.pending = new Map(); // id -> approval
    this.reviews = [];
    this.open = null;
  }

  async load() {
    const r = await get('/api/v1/approvals');
    this.pending = new Map(r.approvals.filter(p => this.ctx.scope.all
      || p.alert.regions.some(c => this.ctx.scope.covers(this.ctx.regions.get(c) || { code: c })))
      .map(p => [p.id, p]));
    const rv = await get('/api/v1/reviews').catch(() => ({ reviews: [] }));
    this.reviews = rv.reviews;
    this.render();
  }

  /** An event from the operator stream. */
  onEvent(type, e) {
    if (type === 'approval.requested') {
      const alert = e.alert;
      this.pending.set(alert.id, { id: alert.id, alert, requested_by: e.requested_by || e.actor, requested_at: e.at,
        kind: 'issue' });
      this.ctx.announce(w('newApproval'));
      // The list from the server knows whether it is a held update and until when it is open.
      this.load().catch(() => this.render());
    } else if (type === 'approval.granted' || type === 'approval.expired') {
      this.pending.delete(e.alert.id);
      if (this.open === e.alert.id) this.open = null;
      this.render();
    } else if (type === 'review.requested') {
      this.load().catch(() => {});
    }
  }

  render() {
    const list = [...this.pending.values()].sort((a, b) => b.requested_at.localeCompare(a.requested_at));
    $('approval-count').textContent = list.length ? `(${list.length})` : '';
    $('approvals-none').hidden = list.length > 0;
    $('approval-list').replaceChildren(...list.map(p => this.card(p)));
    $('reviews-none').hidden = this.reviews.length > 0;
    $('review-list').replaceChildren(...this.reviews.map(r => h('li', { class: 'card' },
      h('p', {}, w('reviewText', r.operator, w('oblasts', r.oblast_count))))));
  }

  card(p) {
    const mine = p.requested_by === this.ctx.actor.id;
    const lang = document.documentElement.lang === 'en' ? 'en' : 'uk';
    const panel = h('div', { class: 'panel' });
    const review = h('button', { type: 'button', 'data-action': 'review', 'aria-expanded': this.open === p.id ? 'true' : 'false',
      onclick: () => this.review(p, panel, review) }, w('review'));
    const li = h('li', { class: 'card pending', 'data-id': p.id, 'data-mine': mine ? 'true' : 'false' },
      h('h3', {}, (p.alert.headline && p.alert.headline[lang]) || p.id, p.kind === 'update' ? ` (${w('kindUpdate')})` : ''),
      h('p', { class: 'hint' }, w('requestedBy', p.requested_by, kyivTime(p.requested_at)),
        p.expires_at ? ` · ${w('expiresAt', kyivTime(p.expires_at))}` : ''),
      mine ? h('p', { class: 'note own' }, w('ownRequest')) : null,
      h('p', {}, review), panel);
    return li;
  }

  async review(p, panel, button) {
    this.open = p.id;
    button.setAttribute('aria-expanded', 'true');
    const mine = p.requested_by === this.ctx.actor.id;
    let preview;
    try {
      preview = (await post('/api/v1/alerts/preview', asIssue(p.alert))).data;
    } catch (e) {
      panel.replaceChildren(h('p', { role: 'status' }, w('requestFailed') + e.message));
      return;
    }
    // Approving releases it to the public: the preview says so, as the requester's said it would wait.
    const released = { ...preview, outcome: 'issued', reaches_public: preview.alert.status === 'actual' };
    const status = h('p', { role: 'status' });
    const parts = [previewView(released, this.ctx.regions)];
    if (!mine) {
      parts.push(confirmGesture(released, w('approve'), async go => {
        go.disabled = true;
        try {
          await post(`/api/v1/approvals/${encodeURIComponent(p.id)}/approve`);
          this.pending.delete(p.id);
          this.open = null;
          this.ctx.announce(w('approved'));
          this.render();
          this.ctx.changed();
        } catch (e) {
          go.disabled = false;
          status.textContent = w('requestFailed') + e.message;
        }
      }));
    }
    parts.push(status);
    panel.replaceChildren(...parts);
    const first = panel.querySelector('input, button');
    if (first) first.focus();
  }
}
