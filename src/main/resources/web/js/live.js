// The page's connection to the truth: the active list (a snapshot with the seq it reflects), then the event
// stream resumed from that seq, so nothing between the two is missed or applied twice. Until the snapshot is
// confirmed the page knows nothing ("connecting", every region unknown); when the stream fails it says so
// ("lost", with the time), retries with backoff and resumes from the last seq it applied, so the events missed
// meanwhile are applied when it is back. <html data-connection> tells tests and styles which of the three holds.

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
/**
 * An open EventSource cannot tell a quiet stream from a dead one (the server's keep-alives are comments, which it
 * does not surface), and a connection lost in the network may stay "open" for minutes: while live, the page asks
 * /health this often, and a failed answer counts as a lost stream.
 */
const WATCHDOG_MS = 20000;
const WATCHDOG_TIMEOUT_MS = 8000;

export class Live {
  constructor(onChange) {
    this.onChange = onChange;
    this.alerts = new Map();
    this.seq = null;
    this.confirmed = false;
    this.state = 'connecting';
    this.lostSince = null;
    this.failures = 0;
    this.source = null;
    this.timer = null;
  }

  start() {
    this.setState('connecting');
    this.loadSnapshot();
    setInterval(() => this.check(), WATCHDOG_MS);
    // A phone waking up: its timers slept, and so may have its connection.
    document.addEventListener('visibilitychange', () => { if (!document.hidden) this.check(); });
  }

  async check() {
    if (this.state !== 'live') return;
    const es = this.source;
    try {
      const res = await fetch('/health', { cache: 'no-store', signal: AbortSignal.timeout(WATCHDOG_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`health: HTTP ${res.status}`);
    } catch (e) {
      if (this.source === es && this.state === 'live') {
        this.closeStream();
        this.failed();
      }
    }
  }

  async loadSnapshot() {
    try {
      const res = await fetch('/api/v1/alerts/active', { cache: 'no-store' });
      if (!res.ok) throw new Error(`active list: HTTP ${res.status}`);
      const body = await res.json();
      this.alerts = new Map(body.alerts.map(a => [a.id, a]));
      this.seq = body.seq;
      this.confirmed = true;
      this.openStream();
    } catch (e) {
      this.failed();
    }
  }

  openStream() {
    this.closeStream();
    const es = new EventSource(`/api/v1/stream?after=${this.seq}`);
    this.source = es;
    es.onopen = () => {
      this.failures = 0;
      this.lostSince = null;
      this.setState('live');
    };
    es.onerror = () => {
      if (this.source !== es) return;
      this.closeStream();
      this.failed();
    };
    const apply = msg => this.apply(JSON.parse(msg.data));
    ['alert.issued', 'alert.updated', 'alert.ended'].forEach(type => es.addEventListener(type, apply));
    // The server's log is behind this page's seq (restored from an older copy): start over from its list.
    es.addEventListener('reset', () => {
      this.closeStream();
      this.confirmed = false;
      this.setState('connecting');
      this.loadSnapshot();
    });
  }

  apply(event) {
    if (this.seq !== null && event.seq <= this.seq) return; // already in the snapshot or applied
    this.seq = event.seq;
    const a = event.alert;
    if (a.ended_at) this.alerts.delete(a.id); else this.alerts.set(a.id, a);
    this.onChange({ event, performedAt: performance.now() });
  }

  failed() {
    if (this.confirmed && this.lostSince === null) this.lostSince = new Date();
    this.setState(this.confirmed ? 'lost' : 'connecting', true);
    const delay = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)];
    this.failures++;
    clearTimeout(this.timer);
    // A little jitter, so a server coming back is not met by every page at once.
    this.timer = setTimeout(() => this.confirmed ? this.openStream() : this.loadSnapshot(),
      delay * (0.8 + Math.random() * 0.4));
  }

  closeStream() {
    if (this.source) {
      this.source.onerror = null;
      this.source.close();
      this.source = null;
    }
  }

  setState(state, failing = false) {
    this.state = state;
    this.failing = failing;
    document.documentElement.dataset.connection = state;
    this.onChange({});
  }

  /** Alerts as known now; null while nothing is confirmed (never an empty list that could read as "all clear"). */
  known() {
    return this.confirmed ? [...this.alerts.values()] : null;
  }
}
