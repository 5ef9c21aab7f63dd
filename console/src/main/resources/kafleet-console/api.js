// Calls to placement-service (and, through its forwarder, traffic-service) with the tab's token.

const TOKEN = 'kafleet.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  signIn: (token) => sessionStorage.setItem(TOKEN, token),
  signOut: () => sessionStorage.removeItem(TOKEN),
};

/** What the API refused, with the fields it named (its `violations`, or its one `field`). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.reason ?? `the server answered ${status}`);
    this.status = status;
    this.violations = body?.violations?.length
      ? body.violations
      : [{ field: body?.field ?? null, reason: this.message }];
  }
}

let whenRefused = () => {};

/** Called when a call is refused for its token (401): the tab signs in again. */
export function onTokenRefused(callback) {
  whenRefused = callback;
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token()}` };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { reason: text };
  }
  if (!response.ok) {
    if (response.status === 401) whenRefused();
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body);

/** A traffic-service path, as placement-service forwards it. */
export const traffic = (path) => `/traffic/api/v1${path}`;

/** An object key (group/Kind/namespace/name) as the API's path segments. */
export const objectPath = (key) => key.split('/').map(encodeURIComponent).join('/');

/**
 * The fleet's events as server-sent events, read with fetch so that the token travels in a header
 * (EventSource cannot send one). Reconnects until stopped; `onState` hears live / reconnecting.
 */
export function followEvents(onEvent, onState) {
  let stopped = false;
  let abort = new AbortController();
  (async () => {
    while (!stopped) {
      try {
        const response = await fetch('/api/v1/events/stream?limit=1000', {
          headers: { Accept: 'text/event-stream', Authorization: `Bearer ${session.token()}` },
          signal: abort.signal,
        });
        if (response.status === 401) whenRefused();
        if (!response.ok) throw new Error(`events answered ${response.status}`);
        onState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let pending = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          pending = (pending + value).replace(/\r\n?/g, '\n');
          let end;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const event = parseMessage(pending.slice(0, end));
            pending = pending.slice(end + 2);
            if (event) onEvent(event);
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      abort = new AbortController();
    }
  })();
  return () => {
    stopped = true;
    abort.abort();
  };
}

function parseMessage(block) {
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''));
  if (!data.length) return null;
  try {
    return JSON.parse(data.join('\n'));
  } catch {
    return null;
  }
}
