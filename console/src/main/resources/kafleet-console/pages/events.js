// Events: a live tail of the fleet events, filtered by type, cluster and object.
import { h, time, weightsText } from '../dom.js';

const TYPES = ['TemplateStatusChanged', 'ClusterStateChanged', 'PlacementChanged', 'ShiftProgress', 'ShiftCompleted', 'RolloutProgress', 'RecordSkipped'];
const SHOWN = 300;

export function eventsPage(context) {
  const type = h('select', { id: 'events-type', name: 'type' }, h('option', { value: '' }, 'All types'), TYPES.map((t) => h('option', { value: t }, t)));
  const cluster = h('input', { id: 'events-cluster', name: 'cluster', autocomplete: 'off', placeholder: 'member1' });
  const object = h('input', { id: 'events-object', name: 'object', autocomplete: 'off', placeholder: 'reviews' });
  const rows = h('tbody', { id: 'event-rows' });
  const count = h('p', { class: 'hint', role: 'status' });
  const element = h('section', { 'aria-labelledby': 'page-title' },
    h('h1', { id: 'page-title' }, 'Events'),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'events-type' }, 'Type'), type,
      h('label', { for: 'events-cluster' }, 'Cluster'), cluster,
      h('label', { for: 'events-object' }, 'Object'), object),
    count,
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Fleet events, newest first' },
      h('table', { id: 'events' }, h('thead', {}, h('tr', {}, ['Time', 'Type', 'Cluster', 'Object', 'What'].map((c) => h('th', { scope: 'col' }, c)))), rows)));

  const shown = (event) => {
    const about = subject(event);
    return (!type.value || event.type === type.value)
      && (!cluster.value.trim() || about.clusters.some((c) => c.includes(cluster.value.trim())))
      && (!object.value.trim() || about.object.includes(object.value.trim()));
  };
  const draw = () => {
    const picked = context.events.filter(shown).slice(-SHOWN).reverse();
    count.textContent = `${picked.length} of ${context.events.length} events`;
    rows.replaceChildren(...picked.map(row));
  };
  type.addEventListener('change', draw);
  [cluster, object].forEach((i) => ['input', 'change'].forEach((t) => i.addEventListener(t, draw)));
  draw();
  return {
    element,
    onEvent(event) {
      if (!shown(event)) {
        count.textContent = `${rows.children.length} shown of ${context.events.length} events`;
        return;
      }
      rows.prepend(row(event));
      while (rows.children.length > SHOWN) rows.lastChild.remove();
      count.textContent = `${rows.children.length} shown of ${context.events.length} events`;
    },
  };
}

function row(event) {
  const about = subject(event);
  return h('tr', { dataset: { type: event.type } },
    h('td', {}, h('time', { datetime: event.occurredAt }, time(event.occurredAt))),
    h('td', {}, event.type),
    h('td', {}, about.clusters.join(', ')),
    h('td', {}, about.object),
    h('td', {}, about.what));
}

/** Which clusters and object an event is about, and what it says, for each payload type. */
function subject({ type, payload: p }) {
  const ref = (r) => (r ? `${r.namespace}/${r.name}` : '');
  switch (type) {
    case 'TemplateStatusChanged':
      return { clusters: p.clusters.map((c) => c.cluster), object: p.objectKey,
        what: `${p.health} · gen ${p.generation} · ${p.clusters.map((c) => `${c.cluster} ${c.phase ?? 'pending'}`).join(', ')}` };
    case 'PlacementChanged':
      return { clusters: [p.cluster], object: p.objectKey,
        what: `${p.change} ${p.cluster} · placed in ${p.placedIn.length ? p.placedIn.join(', ') : 'none'}${p.message ? ` · ${p.message}` : ''}` };
    case 'ClusterStateChanged':
      return { clusters: [p.cluster], object: '', what: `${p.accepted ? 'accepted' : 'not accepted'}, ${p.ready ? 'ready' : 'not ready'}${p.message ? ` · ${p.message}` : ''}` };
    case 'ShiftProgress':
      return { clusters: [p.cluster], object: ref(p.virtualService),
        what: `${p.state} · asked ${weightsText(p.requested)}${p.observed ? ` · observed ${weightsText(p.observed)}` : ''}` };
    case 'ShiftCompleted':
      return { clusters: Object.keys(p.clusters), object: ref(p.virtualService), what: `${p.shiftId} ${p.converged ? 'converged' : 'did not converge'}` };
    case 'RolloutProgress':
      return { clusters: [], object: ref(p.virtualService),
        what: `${p.rolloutId} ${p.phase}${p.stepIndex != null ? ` · step ${p.stepIndex + 1}` : ''}${p.canaryWeight != null ? ` · ${p.canaryWeight}%` : ''}${p.message ? ` · ${p.message}` : ''}` };
    case 'RecordSkipped':
      return { clusters: [], object: p.key ?? '', what: `${p.consumer} skipped ${p.topic} partition ${p.partition} offset ${p.offset}: ${p.reason}` };
    default:
      return { clusters: p?.cluster ? [p.cluster] : [], object: p?.key ?? p?.topic ?? '', what: JSON.stringify(p) };
  }
}
