// What the page knows of the region tree and its shapes: the oblast-level units from /api/v1/map (loaded once,
// cached by the browser), and per oblast its raions and hromadas from /api/v1/map/{oblast}, loaded when an alert
// is declared there or the oblast is opened. A raion's or hromada's oblast is known from its KATOTTH code alone
// (its first four characters are the oblast's), so an oblast turns "partial" before its detail has arrived.

async function fetchJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

export class Regions {
  constructor() {
    this.byCode = new Map();
    this.oblastByPrefix = new Map();
    this.details = new Map();
    this.country = null;
  }

  async loadCountry() {
    if (!this.countryLoading) {
      this.countryLoading = fetchJson('/api/v1/map').then(doc => {
        this.country = doc;
        for (const r of doc.regions) {
          this.byCode.set(r.code, r);
          this.oblastByPrefix.set(r.katotth.slice(0, 4), r.code);
        }
        return doc;
      });
    }
    return this.countryLoading;
  }

  /** The oblast's raions and hromadas (memoized); each region learns its parent and name. */
  loadDetail(oblast) {
    if (!this.details.has(oblast)) {
      this.details.set(oblast, fetchJson(`/api/v1/map/${encodeURIComponent(oblast)}`).then(doc => {
        doc.regions.forEach(r => this.byCode.set(r.code, r));
        return doc;
      }));
    }
    return this.details.get(oblast);
  }

  /** Teaches a region and its chain (from /api/v1/regions/{code}) without loading shapes. */
  learnChain(chain) {
    chain.forEach(r => { if (!this.byCode.has(r.code)) this.byCode.set(r.code, r); });
  }

  get(code) {
    return this.byCode.get(code);
  }

  oblastOf(code) {
    const r = this.byCode.get(code);
    if (r && r.kind === 'oblast') return code;
    return this.oblastByPrefix.get(String(code).slice(0, 4)) || null;
  }

  /** Ancestors of a region, nearest first, as far as known (the oblast is always known). */
  ancestors(code) {
    const out = [];
    let r = this.byCode.get(code);
    while (r && r.parent && r.parent !== 'UA') {
      out.push(r.parent);
      r = this.byCode.get(r.parent);
    }
    const oblast = this.oblastOf(code);
    if (oblast && oblast !== code && !out.includes(oblast)) out.push(oblast);
    return out;
  }

  /** Whether alert region {@code a} covers {@code code}: it is the region or one of its ancestors. */
  covers(a, code) {
    return a === code || this.ancestors(code).includes(a);
  }

  /**
   * The state of a region under the known alerts: alert (an alert covers it), partial (one covers a part of it),
   * calm, or unknown while nothing is confirmed ({@code alerts} null). Returns the alerts that decide it too.
   */
  stateOf(code, alerts) {
    if (alerts === null) return { state: 'unknown', alerts: [] };
    const covering = alerts.filter(a => a.regions.some(r => this.covers(r, code)));
    if (covering.length) return { state: 'alert', alerts: covering };
    const within = alerts.filter(a => a.regions.some(r => r !== code && this.ancestors(r).includes(code)));
    if (within.length) return { state: 'partial', alerts: within };
    return { state: 'calm', alerts: [] };
  }
}
