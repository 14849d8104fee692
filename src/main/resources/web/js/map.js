// The SVG map. Shapes come projected and simplified from the server, so drawing is setting path data. Every
// shape carries data-region (ISO or KATOTTH code) and data-state (alert | partial | calm | unknown); alerted
// shapes also carry data-threat and data-stage, which the stylesheet turns into a colour AND a pattern, and get
// a marker: never colour alone. Raions and hromadas are drawn over their oblast when an alert is declared on
// them, and all of an oblast's when it is opened.
import { regionName, severity } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

export const mostSevere = alerts => alerts.slice().sort((a, b) => severity(b) - severity(a)
  || b.issued_at.localeCompare(a.issued_at))[0];

export class MapView {
  constructor(svg, regions, { onOpen } = {}) {
    this.svg = svg;
    this.regions = regions;
    this.onOpen = onOpen || (() => {});
    this.shapes = new Map(); // code -> path element
    this.opened = null;
    this.selected = new Set();
    this.alerts = null;
    this.scale = 1;
  }

  /** Patterns and markers keep their size on screen when the view zooms onto an oblast. */
  zoom(scale) {
    this.scale = scale;
    document.querySelectorAll('pattern[id^="p-"]').forEach(p => {
      if (p.dataset.base === undefined) p.dataset.base = p.getAttribute('patternTransform') || '';
      p.setAttribute('patternTransform', `${p.dataset.base} scale(${scale})`.trim());
    });
  }

  draw() {
    const doc = this.regions.country;
    this.full = `0 0 ${doc.width} ${doc.height}`;
    this.svg.setAttribute('viewBox', this.full);
    this.layers = {};
    for (const name of ['oblasts', 'detail', 'parts', 'markers']) {
      this.layers[name] = el('g', { class: `layer-${name}` });
      this.svg.append(this.layers[name]);
    }
    for (const r of doc.regions) this.addShape(r, this.layers.oblasts);
    this.svg.addEventListener('click', e => {
      const path = e.target.closest('[data-region]');
      if (!path) return;
      const oblast = this.regions.oblastOf(path.dataset.region);
      if (oblast) this.onOpen(this.opened === oblast ? null : oblast);
    });
  }

  addShape(r, layer) {
    if (!r.path || this.shapes.has(r.code)) return this.shapes.get(r.code);
    const p = el('path', { d: r.path, 'data-region': r.code, 'data-kind': r.kind, 'data-state': 'unknown' });
    const title = el('title');
    title.textContent = regionName(r);
    p.append(title);
    layer.append(p);
    this.shapes.set(r.code, p);
    return p;
  }

  /** Marks the shapes of one alert's regions (the alert page). */
  select(codes) {
    this.selected = new Set(codes);
  }

  /** Applies the known alerts (null: nothing confirmed) to every shape; loads the detail an alert needs. */
  update(alerts, stale = false) {
    this.alerts = alerts;
    this.svg.classList.toggle('stale', stale);
    const wanted = new Set(this.selected);
    for (const a of alerts || []) a.regions.forEach(c => wanted.add(c));
    for (const code of wanted) {
      if (this.shapes.has(code) || this.regions.get(code)?.kind === 'oblast') continue;
      const oblast = this.regions.oblastOf(code);
      if (!oblast) continue;
      this.regions.loadDetail(oblast).then(() => {
        const r = this.regions.get(code);
        if (r && this.addShape(r, this.layers.parts)) this.paint();
      }).catch(() => {});
    }
    this.paint();
  }

  paint() {
    const markers = [];
    for (const [code, path] of this.shapes) {
      let { state, alerts } = this.regions.stateOf(code, this.alerts);
      // Lost: what was calm may no longer be; an alert last seen stays shown, greyed by the stylesheet.
      if (this.svg.classList.contains('stale') && state === 'calm') state = 'unknown';
      path.dataset.state = state;
      const top = alerts.length ? mostSevere(alerts) : null;
      if (top) {
        path.dataset.threat = top.threat;
        path.dataset.stage = top.stage;
      } else {
        delete path.dataset.threat;
        delete path.dataset.stage;
      }
      path.classList.toggle('selected', this.selected.has(code));
      const r = this.regions.get(code);
      // A marker on every region under alert that is declared (or, for oblasts, covered) at its own level.
      if (state === 'alert' && r.centre && (r.kind === 'oblast' || alerts.some(a => a.regions.includes(code)))) {
        markers.push({ r, top });
      }
    }
    this.layers.markers.replaceChildren(...markers.map(({ r, top }) => {
      const g = el('g', { class: 'marker', 'data-threat': top.threat, 'data-stage': top.stage,
        transform: `translate(${r.centre[0]} ${r.centre[1]}) scale(${this.scale})` });
      g.append(el('circle', { r: r.kind === 'oblast' ? 9 : 5 }), el('path', { d: r.kind === 'oblast'
        ? 'M0-5.5L5 3.5H-5Z' : 'M0-3L2.7 2H-2.7Z' }));
      return g;
    }));
  }

  /** Opens an oblast (its raions and hromadas drawn, the view zoomed on it), or the whole country (null). */
  async open(oblast) {
    this.opened = oblast;
    this.svg.classList.toggle('opened', !!oblast);
    for (const [code, p] of this.shapes) {
      p.classList.remove('in-detail');
      if (p.classList.contains('detail-only')) {
        p.remove();
        this.shapes.delete(code);
      }
    }
    if (!oblast) {
      this.svg.setAttribute('viewBox', this.full);
      this.zoom(1);
      this.update(this.alerts, this.svg.classList.contains('stale')); // overlays of alerts declared meanwhile
      return;
    }
    const box = this.regions.get(oblast).box;
    const pad = Math.max(box[2] - box[0], box[3] - box[1]) * 0.06;
    const width = box[2] - box[0] + 2 * pad, height = box[3] - box[1] + 2 * pad;
    this.svg.setAttribute('viewBox', `${box[0] - pad} ${box[1] - pad} ${width} ${height}`);
    // The whole country's width fits the screen at scale 1; the oblast's box, opened, at this scale.
    this.zoom(Math.max(width / this.regions.country.width, height / this.regions.country.height));
    const doc = await this.regions.loadDetail(oblast);
    if (this.opened !== oblast) return;
    // Hromadas first, raions over them (outlines), both under the alert overlays.
    const hromadas = doc.regions.filter(r => r.kind === 'hromada');
    const raions = doc.regions.filter(r => r.kind === 'raion');
    for (const r of [...hromadas, ...raions]) {
      const existing = this.shapes.get(r.code);
      if (existing) existing.classList.add('in-detail');
      else this.addShape(r, this.layers.detail)?.classList.add('in-detail', 'detail-only');
    }
    this.paint();
  }
}
