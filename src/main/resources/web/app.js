// The live list: fetch the active alerts once, then apply stream events by seq (resuming from the list's seq,
// so nothing between the fetch and the subscription is missed).
const alerts = new Map();
const names = new Map();
const list = document.getElementById('alerts');

const pending = new Set();

// Oblast names are loaded up front; a raion's or hromada's name is fetched the first time an alert names it.
function regionName(code) {
  const r = names.get(code);
  if (r) return `${r.name.uk} / ${r.name.en}`;
  if (!pending.has(code)) {
    pending.add(code);
    fetch(`/api/v1/regions/${encodeURIComponent(code)}`)
      .then(res => res.ok ? res.json() : null)
      .then(region => { if (region) { names.set(code, region); render(); } });
  }
  return code;
}

function render() {
  list.replaceChildren();
  const sorted = [...alerts.values()].sort((a, b) => a.issued_at.localeCompare(b.issued_at));
  for (const a of sorted) {
    const li = document.createElement('li');
    li.className = a.status;
    li.dataset.id = a.id;
    const head = document.createElement('div');
    if (a.status !== 'actual') {
      const s = document.createElement('span');
      s.className = 'status';
      s.textContent = a.status === 'exercise' ? 'НАВЧАННЯ / EXERCISE — ' : 'ТЕСТ / TEST — ';
      head.append(s);
    }
    const region = document.createElement('span');
    region.className = 'region';
    region.textContent = a.regions.map(regionName).join(', ');
    head.append(region);
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = `${a.threat}${a.subtype !== 'none' ? ' · ' + a.subtype : ''} · ${a.stage} · since ${a.issued_at}`;
    const text = document.createElement('div');
    text.textContent = a.headline.uk || a.headline.en || '';
    li.append(head, meta, text);
    list.append(li);
  }
  document.getElementById('count').textContent = alerts.size;
  document.getElementById('empty').hidden = alerts.size > 0;
}

async function start() {
  const regions = await (await fetch('/api/v1/regions?kind=oblast')).json();
  regions.regions.forEach(r => names.set(r.code, r));
  const active = await (await fetch('/api/v1/alerts/active')).json();
  active.alerts.forEach(a => alerts.set(a.id, a));
  render();
  const es = new EventSource(`/api/v1/stream?after=${active.seq}`);
  const conn = document.getElementById('conn');
  es.onopen = () => { conn.textContent = 'наживо / live'; conn.className = 'conn live'; };
  es.onerror = () => { conn.textContent = 'перепідключення… / reconnecting…'; conn.className = 'conn'; };
  const apply = (msg) => {
    const e = JSON.parse(msg.data);
    if (e.alert.ended_at) alerts.delete(e.alert.id); else alerts.set(e.alert.id, e.alert);
    render();
  };
  ['alert.issued', 'alert.updated', 'alert.ended'].forEach(t => es.addEventListener(t, apply));
  // The server's log is not the one this page's seq came from: start over from its active list.
  es.addEventListener('reset', () => { es.close(); location.reload(); });
}

start();
