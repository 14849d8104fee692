// The console's maps, from the public map's server-projected shapes (/api/v1/map, /api/v1/map/{oblast}): one to
// choose regions with the mouse (the same choice is open to the keyboard through search), one in each preview
// drawing the area an alert covers. Shapes outside the operator's scope are drawn but marked and cannot be chosen.
import { regionName } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function shape(r) {
  const p = el('path', { d: r.path, 'data-region': r.code, 'data-kind': r.kind });
  const title = el('title');
  title.textContent = regionName(r);
  p.append(title);
  return p;
}

function fit(svg, regions, box, full) {
  if (!box) {
    svg.setAttribute('viewBox', full);
    return;
  }
  const pad = Math.max(box[2] - box[0], box[3] - box[1]) * 0.06;
  svg.setAttribute('viewBox', `${box[0] - pad} ${box[1] - pad} ${box[2] - box[0] + 2 * pad} ${box[3] - box[1] + 2 * pad}`);
}

/** The map on which regions are chosen: the country's oblasts, or one oblast's raions or hromadas. */
export class PickMap {
  constructor(svg, regions, scope, picker) {
    this.svg = svg;
    this.regions = regions;
    this.scope = scope;
    this.picker = picker;
    this.layer = el('g');
    svg.append(this.layer);
    this.full = `0 0 ${regions.country.width} ${regions.country.height}`;
    svg.addEventListener('click', e => {
      const p = e.target.closest('[data-region]');
      if (!p || p.dataset.scope === 'out') return;
      this.picker.toggle(this.regions.get(p.dataset.region));
    });
  }

  async show(oblast, level) {
    let list = this.regions.country.regions;
    if (oblast) {
      const doc = await this.regions.loadDetail(oblast);
      list = doc.regions.filter(r => r.kind === level);
    }
    this.layer.replaceChildren(...list.filter(r => r.path).map(r => {
      const p = shape(r);
      p.dataset.scope = this.scope.covers(r) ? 'in' : 'out';
      return p;
    }));
    fit(this.svg, this.regions, oblast ? this.regions.get(oblast).box : null, this.full);
    this.mark();
  }

  /** Marks what is chosen, and what is covered by a chosen region above it. */
  mark() {
    const chosen = new Set(this.picker.codes());
    for (const p of this.layer.children) {
      const code = p.dataset.region;
      const on = chosen.has('UA') || chosen.has(code) || this.regions.ancestors(code).some(a => chosen.has(a));
      p.classList.toggle('chosen', on);
    }
  }
}

/** Draws an alert's area: the country with the covered oblasts, raions and hromadas filled. */
export async function drawArea(svg, regions, codes) {
  svg.replaceChildren();
  const title = el('title');
  title.textContent = codes.map(c => regionName(regions.get(c))).join(', ');
  svg.append(title);
  svg.setAttribute('viewBox', `0 0 ${regions.country.width} ${regions.country.height}`);
  const base = el('g');
  const over = el('g');
  svg.append(base, over);
  const all = codes.includes('UA');
  for (const r of regions.country.regions) {
    if (!r.path) continue;
    const p = shape(r);
    if (all || codes.includes(r.code)) p.classList.add('covered');
    base.append(p);
  }
  for (const code of codes) {
    const oblast = regions.oblastOf(code);
    if (!oblast || oblast === code) continue;
    const doc = await regions.loadDetail(oblast).catch(() => null);
    const r = doc && doc.regions.find(x => x.code === code);
    if (r && r.path) {
      const p = shape(r);
      p.classList.add('covered');
      over.append(p);
    }
  }
}
