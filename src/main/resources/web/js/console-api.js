// The console's requests. After sign-in they are authenticated by the HttpOnly session cookie alone (the token is
// never kept: not in a variable past sign-in, not in storage, not in a URL); every write carries the session's
// anti-CSRF token and an Idempotency-Key, so a retry after a dropped connection records nothing twice.

let csrf = null;
let onEnded = () => {};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.code = problem && problem.code;
  }
}

/** What to do when the server says the session is over (401): the console asks to sign in again. */
export function whenSessionEnds(handler) {
  onEnded = handler;
}

export function setCsrf(value) {
  csrf = value;
}

async function send(method, url, body, headers = {}) {
  const h = { ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    if (csrf) h['X-CSRF-Token'] = csrf;
    h['Idempotency-Key'] = crypto.randomUUID();
  }
  const res = await fetch(url, { method, headers: h, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !headers.Authorization) onEnded(err);
    throw err;
  }
  return { status: res.status, data };
}

export const get = url => send('GET', url).then(r => r.data);
export const post = (url, body = {}) => send('POST', url, body);
export const patch = (url, body) => send('PATCH', url, body);
export const del = url => send('DELETE', url);

/** Signs in with a token; the caller drops the token right after. */
export async function signIn(token) {
  const r = await send('POST', '/api/v1/session', {}, { Authorization: `Bearer ${token}` });
  setCsrf(r.data.csrf);
  return r.data;
}

/** The current session (after a reload the cookie is all the console has), or null when there is none. */
export async function currentSession() {
  const res = await fetch('/api/v1/session', { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok || res.status === 204) return null;
  const data = await res.json();
  setCsrf(data.csrf);
  return data;
}

export async function signOut() {
  await send('DELETE', '/api/v1/session').catch(() => {});
  setCsrf(null);
}
