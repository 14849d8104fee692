// The operator console: sign-in (the token once, then the session cookie), the mode (ACTUAL or EXERCISE, switched
// deliberately, remembered for this tab only), the screens, and the private operator stream that keeps approvals
// and the active list current. The mode decides the status of everything declared: there is no status field.
import { lang, setLang, threatLabel } from './i18n.js';
import { Regions } from './regions.js';
import { signIn, signOut, currentSession, whenSessionEnds } from './console-api.js';
import { w, applyWords } from './console-words.js';
import { Scope } from './console-picker.js';
import { Declare } from './console-declare.js';
import { Active } from './console-active.js';
import { Approvals } from './console-approvals.js';
import { Admin } from './console-admin.js';

const $ = id => document.getElementById(id);
const MODE_KEY = 'tocsin.console.mode';
const root = document.documentElement;

const state = { actor: null, stream: null, screens: null, screen: 'declare' };
const mode = () => (root.dataset.mode === 'exercise' ? 'exercise' : 'actual');
const words = {
  threat: t => threatLabel({ threat: t }),
  subtype: s => (s === 'unspecified' ? (lang() === 'en' ? 'unspecified' : 'не уточнено')
    : threatLabel({ threat: 'air_raid', subtype: s }).split(' · ')[1]),
};

function announce(text) {
  $('announce').textContent = '';
  setTimeout(() => { $('announce').textContent = text; }, 50);
}

function setMode(m) {
  root.dataset.mode = m;
  sessionStorage.setItem(MODE_KEY, m);
  $('exercise-banner').hidden = m !== 'exercise';
  $('mode-name').textContent = w(m === 'exercise' ? 'modeExercise' : 'modeActual');
  $('mode-switch').textContent = w(m === 'exercise' ? 'toActual' : 'toExercise');
  if (state.screens) {
    state.screens.active.load().catch(() => {});
    state.screens.declare.reset();
  }
}

function modeDialog() {
  const to = mode() === 'exercise' ? 'actual' : 'exercise';
  const d = $('mode-dialog');
  d.dataset.to = to;
  $('mode-dialog-h').textContent = w(to === 'exercise' ? 'toExerciseTitle' : 'toActualTitle');
  $('mode-dialog-text').textContent = w(to === 'exercise' ? 'toExerciseText' : 'toActualText');
  $('mode-confirm').textContent = w(to === 'exercise' ? 'toExerciseConfirm' : 'toActualConfirm');
  $('mode-confirm').className = to === 'actual' ? 'danger' : 'exercise-button';
  d.showModal();
  $('mode-cancel').focus();
}

function show(screen) {
  state.screen = screen;
  for (const b of document.querySelectorAll('.tabs [data-screen]')) {
    b.setAttribute('aria-current', b.dataset.screen === screen ? 'page' : 'false');
  }
  for (const s of ['declare', 'active', 'approvals', 'admin']) $(`screen-${s}`).hidden = s !== screen;
  if (screen === 'admin' && state.screens.admin) state.screens.admin.load().catch(() => {});
}

function signedOut(note) {
  if (state.stream) state.stream.close();
  state.stream = null;
  state.actor = null;
  $('work').hidden = true;
  $('who').hidden = true;
  $('mode-line').hidden = true;
  $('sign-out').hidden = true;
  $('signin').hidden = false;
  $('signin-note').textContent = note || '';
  $('conn').textContent = '';
  $('token').focus();
}

function openStream() {
  const s = new EventSource('/api/v1/operator/stream');
  state.stream = s;
  $('conn').textContent = w('connecting');
  s.addEventListener('open', () => {
    $('conn').textContent = w('live');
    root.dataset.connection = 'live';
    // (Re)connected: what happened meanwhile is read again, then the stream keeps it current.
    state.screens.approvals.load().catch(() => {});
    state.screens.active.load().catch(() => {});
  });
  s.addEventListener('error', async () => {
    $('conn').textContent = w('lost');
    root.dataset.connection = 'lost';
    if (!(await currentSession())) signedOut(w('sessionEnded'));
  });
  s.addEventListener('session-ended', () => {
    s.close();
    signedOut(w('sessionEnded'));
  });
  for (const type of ['approval.requested', 'approval.granted', 'approval.expired', 'review.requested']) {
    s.addEventListener(type, m => state.screens.approvals.onEvent(type, JSON.parse(m.data)));
  }
  for (const type of ['alert.issued', 'alert.updated', 'alert.ended']) {
    s.addEventListener(type, () => state.screens.active.load().catch(() => {}));
  }
}

async function start(session, regions) {
  state.actor = session.actor;
  const a = session.actor;
  const scope = new Scope(a, regions);
  $('who').textContent = w('signedInAs', a.name, a.role, scope.all ? w('everywhere')
    : a.scope.map(c => (regions.get(c) ? regions.get(c).name[lang()] : c)).join(', '));
  $('who').hidden = false;
  $('mode-line').hidden = false;
  $('sign-out').hidden = false;
  $('signin').hidden = true;
  $('work').hidden = false;
  document.querySelector('[data-admin]').hidden = a.role !== 'admin';
  const ctx = { regions, scope, actor: a, mode, announce, words, changed: () => {},
    // Straight to an alert's retraction, its consequence shown: one more action confirms it.
    retract: id => {
      state.screens.active.open = { id, kind: 'false_alarm' };
      show('active');
      state.screens.active.load().then(() => {
        const go = document.querySelector(`#active-list [data-id="${id}"] [data-action=confirm-false_alarm]`);
        if (go) go.focus();
      }).catch(() => {});
    } };
  if (!state.screens) {
    state.screens = { declare: new Declare(ctx), active: new Active(ctx), approvals: new Approvals(ctx),
      admin: a.role === 'admin' ? new Admin(ctx) : null };
  }
  setMode(sessionStorage.getItem(MODE_KEY) === 'exercise' ? 'exercise' : 'actual');
  show('declare');
  openStream();
  $('main').focus();
}

async function main() {
  applyWords();
  const regions = new Regions();
  await regions.loadCountry();
  whenSessionEnds(() => signedOut(w('sessionEnded')));
  $('lang-switch').textContent = lang() === 'uk' ? 'English' : 'Українська';
  $('lang-switch').addEventListener('click', () => {
    setLang(lang() === 'uk' ? 'en' : 'uk');
    // The simplest way to have every word in the new language: the session (a cookie) survives the reload.
    location.reload();
  });
  $('token').addEventListener('keydown', e => { if (e.key === 'Enter') { e.preventDefault(); $('signin-button').click(); } });
  $('signin-button').addEventListener('click', async () => {
    const token = $('token').value.trim();
    $('token').value = '';
    if (!token) return;
    try {
      const session = await signIn(token);
      await start(session, regions);
    } catch (e) {
      $('signin-note').textContent = w('signInFailed') + e.message;
      $('token').focus();
    }
  });
  $('sign-out').addEventListener('click', async () => {
    await signOut();
    signedOut('');
  });
  $('mode-switch').addEventListener('click', modeDialog);
  $('mode-cancel').addEventListener('click', () => $('mode-dialog').close());
  $('mode-confirm').addEventListener('click', () => {
    const to = $('mode-dialog').dataset.to;
    $('mode-dialog').close();
    setMode(to);
    announce(w(to === 'exercise' ? 'modeExercise' : 'modeActual'));
    $('mode-switch').focus();
  });
  for (const b of document.querySelectorAll('.tabs [data-screen]')) b.addEventListener('click', () => show(b.dataset.screen));
  const session = await currentSession();
  if (session) await start(session, regions);
  else signedOut('');
}

main();
