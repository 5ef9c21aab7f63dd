// Fleet: templates × clusters, one cell per work, with filters by kind, namespace, label and name.
import { get } from '../api.js';
import { h, keyParts, tone } from '../dom.js';
import { page } from '../frame.js';

const PHASES = { Applied: 'ok', Failed: 'bad', Conflict: 'bad', Deleted: 'muted' };

export function fleetPage() {
  const filters = { kind: '', namespace: '', label: '', search: '' };
  let rows = [];
  let clusters = [];
  const kind = h('select', { id: 'filter-kind', name: 'kind' });
  const namespace = h('select', { id: 'filter-namespace', name: 'namespace' });
  const label = h('input', { id: 'filter-label', name: 'label', placeholder: 'app=reviews', autocomplete: 'off' });
  const search = h('input', { id: 'filter-search', name: 'search', type: 'search', placeholder: 'reviews', autocomplete: 'off' });
  const count = h('p', { id: 'matrix-count', class: 'hint', role: 'status' });
  const matrix = h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Fleet matrix' });
  const bar = h(
    'form',
    { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'filter-kind' }, 'Kind'), kind,
    h('label', { for: 'filter-namespace' }, 'Namespace'), namespace,
    h('label', { for: 'filter-label' }, 'Label'), label,
    h('label', { for: 'filter-search' }, 'Name'), search,
  );
  const apply = () => {
    Object.assign(filters, { kind: kind.value, namespace: namespace.value, label: label.value.trim(), search: search.value.trim() });
    draw();
  };
  [kind, namespace].forEach((s) => s.addEventListener('change', apply));
  [label, search].forEach((i) => ['input', 'change'].forEach((t) => i.addEventListener(t, apply)));

  function options(select, values, all) {
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '' }, all), ...values.map((v) => h('option', { value: v }, v)));
    select.value = values.includes(chosen) ? chosen : '';
  }

  function draw() {
    const shown = rows.filter((row) => matches(row, filters));
    count.textContent = `${shown.length} of ${rows.length} templates`;
    matrix.replaceChildren(
      h(
        'table',
        { id: 'matrix' },
        h('caption', { class: 'sr-only' }, 'Templates by member cluster'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Template'), h('th', { scope: 'col' }, 'Health'),
          clusters.map((c) => h('th', { scope: 'col', dataset: { cluster: c } }, c)))),
        h('tbody', {}, shown.map((row) => h('tr', { dataset: { object: row.objectKey } },
          h('th', { scope: 'row' },
            h('a', { href: `#/objects/${encodeURIComponent(row.objectKey)}` }, row.name),
            h('span', { class: 'meta' }, `${row.kind} · ${row.namespace} · gen ${row.generation}`)),
          h('td', {}, h('span', { class: `badge ${tone(row.health)}` }, row.health)),
          clusters.map((c) => cell(row, c))))),
      ),
    );
  }

  return page('Fleet', async (body) => {
    const [objects, members] = await Promise.all([get('/api/v1/objects'), get('/api/v1/clusters')]);
    clusters = members.map((m) => m.name).sort();
    rows = objects
      .filter((o) => o.status)
      .map((o) => ({ ...keyParts(o.objectKey), objectKey: o.objectKey, generation: o.generation, labels: o.labels ?? {},
        health: o.status.health, works: Object.fromEntries(o.status.clusters.map((c) => [c.cluster, c])) }))
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
    options(kind, [...new Set(rows.map((r) => r.kind))].sort(), 'All kinds');
    options(namespace, [...new Set(rows.map((r) => r.namespace))].sort(), 'All namespaces');
    if (!body.firstChild) body.append(bar, count, matrix);
    draw();
  }, { onEvent: (e) => e.type === 'TemplateStatusChanged' || e.type === 'ClusterStateChanged' });
}

/** A label filter is `key` (present) or `key=value`; the name search is a substring. */
function matches(row, { kind, namespace, label, search }) {
  if (kind && row.kind !== kind) return false;
  if (namespace && row.namespace !== namespace) return false;
  if (search && !row.name.includes(search)) return false;
  if (label) {
    const [key, value] = label.split('=', 2);
    if (!(key in row.labels) || (value !== undefined && row.labels[key] !== value)) return false;
  }
  return true;
}

function cell(row, cluster) {
  const work = row.works[cluster];
  if (!work) {
    return h('td', { dataset: { cluster, phase: 'absent' } }, h('span', { class: 'absent', title: 'not placed here' }, '—'),
      h('span', { class: 'sr-only' }, 'not placed'));
  }
  const phase = work.phase ?? 'Pending';
  return h('td', { dataset: { cluster, phase, health: work.health }, title: work.message ?? '' },
    h('span', { class: `badge ${PHASES[phase] ?? 'muted'}` }, phase),
    ' ',
    h('span', { class: `health ${tone(work.health)}` }, work.health),
    work.current === false ? h('span', { class: 'meta' }, ` gen ${work.appliedGeneration}`) : null);
}

