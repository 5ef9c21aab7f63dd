// The frame every page shares: a heading, a body its loader fills, and a refresh that the live
// feed triggers (at most once per 200 ms) without touching what the user is typing elsewhere.
import { errorBox, h } from './dom.js';

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** What identifies a control across a redraw, so that keyboard focus survives one. */
const focusKey = (e) => {
  const label = e.getAttribute('aria-label');
  return [e.tagName, e.id, label, e.getAttribute('href'), label ? '' : e.textContent.trim().slice(0, 60)].join('|');
};

/**
 * @param load fills the body; it is called again on a refresh, one call at a time
 * @param onEvent which live events call for a refresh (default: all)
 * @param every also refresh this often (ms), for what changes without events (heartbeat ages)
 */
export function page(title, load, { onEvent = () => true, every = 0 } = {}) {
  const body = h('div', { class: 'page-body', 'aria-busy': 'true' });
  const problem = h('div', { class: 'page-problem' });
  const element = h('section', { 'aria-labelledby': 'page-title' }, h('h1', { id: 'page-title' }, title), problem, body);
  let timer;
  let queued = false;
  let running = false;
  const refresh = async () => {
    if (running) {
      queued = true;
      return;
    }
    running = true;
    const focused = body.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    try {
      await load(body);
      problem.replaceChildren();
      if (focused && !body.contains(document.activeElement)) {
        [...body.querySelectorAll(FOCUSABLE)].find((e) => focusKey(e) === focused)?.focus();
      }
    } catch (e) {
      problem.replaceChildren(errorBox(e));
    } finally {
      body.setAttribute('aria-busy', 'false');
      running = false;
      if (queued) {
        queued = false;
        refresh();
      }
    }
  };
  let pending;
  refresh();
  if (every) timer = setInterval(refresh, every);
  return {
    element,
    refresh,
    onEvent(event) {
      if (!onEvent(event)) return;
      clearTimeout(pending);
      pending = setTimeout(refresh, 200);
    },
    dispose() {
      clearInterval(timer);
      clearTimeout(pending);
    },
  };
}
