// "My place": a settlement, hromada, raion or oblast found by name (the regions search) or by the browser's
// location (sent to /api/v1/status once, never stored: only the region's code is remembered), then shown first as
// a large banner. ALERT with the threat and since when; All clear only when the live snapshot confirms it. The
// choice is kept in localStorage and in the URL (?place=CODE), so the link can be shared. Opt-in: a siren tone
// (Web Audio) and a browser notification when the place's state changes.
import { t, text, threatLabel, stageLabel, kyivTime, duration, regionName } from './i18n.js';
import { mostSevere } from './map.js';
import { h } from './list.js';

const KEY = 'tocsin.place';
const OPTIONS = 'tocsin.place.options';

export class Place {
  constructor(regions, onChange) {
    this.regions = regions;
    this.onChange = onChange;
    this.region = null;
    this.lastState = null;
    this.options = JSON.parse(localStorage.getItem(OPTIONS) || '{}');
  }

  /** The place named by the URL, else the remembered one. */
  async restore() {
    const fromUrl = new URLSearchParams(location.search).get('place');
    const code = fromUrl || JSON.parse(localStorage.getItem(KEY) || 'null')?.code;
    if (code) await this.choose(code).catch(() => this.forget());
  }

  async choose(code) {
    const res = await fetch(`/api/v1/regions/${encodeURIComponent(code)}`);
    if (!res.ok) throw new Error('unknown region');
    const region = await res.json();
    this.regions.learnChain(region.chain);
    this.region = region;
    this.lastState = null;
    localStorage.setItem(KEY, JSON.stringify({ code: region.code }));
    const url = new URL(location.href);
    url.searchParams.set('place', region.code);
    history.replaceState(null, '', url);
    const oblast = this.regions.oblastOf(region.code);
    // Its raion's and hromada's parents, so an alert on a neighbour part is not mistaken for this place.
    if (oblast && oblast !== region.code) await this.regions.loadDetail(oblast).catch(() => {});
    this.onChange();
  }

  forget() {
    this.region = null;
    localStorage.removeItem(KEY);
    const url = new URL(location.href);
    url.searchParams.delete('place');
    history.replaceState(null, '', url);
    this.onChange();
  }

  async search(q) {
    const res = await fetch(`/api/v1/regions?q=${encodeURIComponent(q)}&limit=8`);
    if (!res.ok) return [];
    return (await res.json()).regions;
  }

  /** Browser location → the region there. The coordinates go to the server once and are kept nowhere. */
  locate() {
    return new Promise((resolve, reject) => {
      if (!navigator.geolocation) return reject(new Error(t('locationFailed')));
      navigator.geolocation.getCurrentPosition(async pos => {
        try {
          const { latitude, longitude } = pos.coords;
          const res = await fetch(`/api/v1/status?lat=${latitude}&lon=${longitude}`);
          if (res.status === 404) return reject(new Error(t('notInUkraine')));
          if (!res.ok) return reject(new Error(t('locationFailed')));
          const body = await res.json();
          await this.choose(body.chain[0].code);
          resolve();
        } catch (e) {
          reject(new Error(t('locationFailed')));
        }
      }, () => reject(new Error(t('locationFailed'))), { maximumAge: 600000, timeout: 20000 });
    });
  }

  /** The banner: what holds for the place now, as far as the page knows. */
  render(banner, live) {
    banner.replaceChildren();
    if (!this.region) {
      banner.dataset.state = 'none';
      banner.append(h('p', { class: 'hint', text: t('choosePlace') }));
      return;
    }
    const alerts = live.known();
    const { state, alerts: why } = this.regions.stateOf(this.region.code, alerts);
    const lost = live.state !== 'live';
    let title, detail = '';
    if (state === 'alert') {
      const a = mostSevere(why);
      title = t('alert');
      detail = `${stageLabel(a)}: ${threatLabel(a)} · ${t('since', kyivTime(a.issued_at))} · ${t('lasting', duration(Date.now() - Date.parse(a.issued_at)))}`;
      if (lost) detail += ` (${t('lastKnown')})`;
      this.instruction = text(a.instruction);
      this.shelter = a.time_to_shelter_seconds || null;
    } else if (state === 'partial' && !lost) {
      const a = mostSevere(why);
      title = t('partly');
      detail = `${threatLabel(a)} · ${t('since', kyivTime(a.issued_at))}`;
    } else if (state === 'calm' && !lost) {
      title = t('allClear');
    } else {
      title = t('unknownState');
    }
    const shown = lost && state !== 'alert' ? 'unknown' : state;
    banner.dataset.state = shown;
    banner.append(h('p', { class: 'place-name' },
      h('a', { href: `/regions/${encodeURIComponent(this.region.code)}`, text: regionName(this.region) })),
    h('p', { class: 'place-state', text: title }));
    if (detail) banner.append(h('p', { class: 'place-detail', text: detail }));
    // The one number to act on, above the instruction, when an admin set a time to shelter for the place.
    if (state === 'alert' && this.shelter) banner.append(h('p', { class: 'place-shelter', text: t('shelter', this.shelter) }));
    if (state === 'alert' && this.instruction) banner.append(h('p', { class: 'place-instruction', text: this.instruction }));
    this.signal(shown, title, detail);
  }

  /** Sound and notification on a change between two known states (not on the first look, nor when unsure). */
  signal(state, title, detail) {
    if (state === 'unknown') return;
    const was = this.lastState;
    this.lastState = state;
    if (was === null || was === state) return;
    if (this.options.sound && state === 'alert') siren();
    if (this.options.notify && 'Notification' in window && Notification.permission === 'granted') {
      new Notification(`${regionName(this.region)}: ${title}`, { body: detail, tag: 'tocsin-place' });
    }
  }

  setOption(name, on) {
    this.options[name] = on;
    localStorage.setItem(OPTIONS, JSON.stringify(this.options));
    if (name === 'notify' && on && 'Notification' in window && Notification.permission === 'default') {
      Notification.requestPermission();
    }
    if (name === 'sound' && on) siren(0.6); // a short test tone: the browser allows audio after this click
  }
}

/** A siren made with Web Audio: a tone rising and falling between 600 and 1,200 Hz. */
function siren(seconds = 6) {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sawtooth';
  const now = ctx.currentTime;
  for (let s = 0; s < seconds; s += 2) {
    osc.frequency.setValueAtTime(600, now + s);
    osc.frequency.linearRampToValueAtTime(1200, now + s + 1);
    osc.frequency.linearRampToValueAtTime(600, now + s + 2);
  }
  gain.gain.setValueAtTime(0.15, now);
  gain.gain.setValueAtTime(0.15, now + seconds - 0.1);
  gain.gain.linearRampToValueAtTime(0, now + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(now);
  osc.stop(now + seconds);
  osc.onended = () => ctx.close();
}
