// The console: sign-in, the page router and the live event feed every page listens to.
import { ApiError, followEvents, get, onTokenRefused, session } from './api.js';
import { errorBox, h } from './dom.js';
import { clustersPage } from './pages/clusters.js';
import { eventsPage } from './pages/events.js';
import { fleetPage } from './pages/fleet.js';
import { objectPage } from './pages/object.js';
import { rolloutsPage } from './pages/rollouts.js';
import { trafficPage } from './pages/traffic.js';

const ROLES = ['viewer', 'operator', 'admin'];
const ROUTES = [
  [/^#\/fleet$/, fleetPage],
  [/^#\/objects\/(.+)$/, objectPage],
  [/^#\/clusters$/, clustersPage],
  [/^#\/traffic$/, trafficPage],
  [/^#\/rollouts$/, rolloutsPage],
  [/^#\/events$/, eventsPage],
];
const KEPT_EVENTS = 1000;

const view = document.getElementById('view');
let current = null;
let stopEvents = null;

function show(page) {
  current?.dispose?.();
  current = page;
  view.replaceChildren(page.element);
}

function signInPage(problem) {
  const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help' });
  const form = h(
    'form',
    { id: 'sign-in', class: 'card narrow' },
    h('h1', {}, 'Sign in'),
    h('label', { for: 'token' }, 'API token'),
    token,
    h('p', { id: 'token-help', class: 'hint' }, 'The bearer token you use with the kafleet CLI. It is kept for this tab only.'),
    problem ? h('p', { id: 'sign-in-error', class: 'error', role: 'alert' }, problem) : null,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    session.signIn(token.value.trim());
    start();
  });
  show({ element: form });
  token.focus();
}

function signOut(problem) {
  stopEvents?.();
  stopEvents = null;
  session.signOut();
  document.getElementById('pages').hidden = true;
  document.getElementById('session').hidden = true;
  signInPage(problem);
}

async function start() {
  if (!session.token()) return signInPage();
  let me;
  try {
    me = await get('/api/v1/whoami');
  } catch (e) {
    return e instanceof ApiError && e.status === 401
      ? signOut('That token was refused (401). Check it and try again.')
      : signInPage(`The console cannot reach placement-service: ${e.message}`);
  }
  const context = {
    name: me.name,
    role: me.role,
    /** True when the signed-in role includes `role`: the page shows only what the API allows. */
    can: (role) => ROLES.indexOf(me.role) >= ROLES.indexOf(role),
    events: [],
  };
  document.getElementById('who').textContent = `${me.name} (${me.role})`;
  document.getElementById('pages').hidden = false;
  document.getElementById('session').hidden = false;
  const live = document.getElementById('live');
  const seen = new Set();
  stopEvents?.();
  stopEvents = followEvents(
    (event) => {
      // A reconnected stream starts with recent events again: each is taken once.
      if (seen.has(event.eventId)) return;
      seen.add(event.eventId);
      context.events.push(event);
      if (context.events.length > KEPT_EVENTS) seen.delete(context.events.shift().eventId);
      current?.onEvent?.(event);
    },
    (state) => {
      live.textContent = state === 'live' ? '● live' : '○ reconnecting';
      live.dataset.state = state;
    },
  );
  const route = () => {
    const hash = location.hash || '#/fleet';
    for (const [pattern, page] of ROUTES) {
      const match = hash.match(pattern);
      if (match) {
        // A template's page belongs to the Fleet.
        const section = hash.startsWith('#/objects/') ? '#/fleet' : hash;
        document.querySelectorAll('#pages a').forEach((a) => {
          a.toggleAttribute('aria-current', section.startsWith(a.getAttribute('href')));
        });
        show(page(context, ...match.slice(1).map(decodeURIComponent)));
        return;
      }
    }
    show({ element: errorBox({ message: `no page at ${hash}` }) });
  };
  window.onhashchange = route;
  route();
}

onTokenRefused(() => signOut('The token was refused (401). Sign in again.'));
document.getElementById('sign-out').addEventListener('click', () => signOut());
start();
