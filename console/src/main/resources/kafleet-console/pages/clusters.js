// Clusters: readiness and heartbeat age, version, labels, taints, capacity, works; admins accept a
// cluster or take it out.
import { get, post } from '../api.js';
import { ago, errorBox, h } from '../dom.js';
import { page } from '../frame.js';

export function clustersPage(context) {
  const outcome = h('div', { id: 'cluster-outcome', role: 'status' });
  const list = h('div', { class: 'cards' });
  const act = async (label, call) => {
    outcome.replaceChildren(h('p', { class: 'hint' }, `${label}…`));
    try {
      const answer = await call();
      outcome.replaceChildren(h('p', { class: 'ok' }, `${label}: done`, answer?.removed != null ? ` (${answer.removed} works removed)` : ''));
    } catch (e) {
      outcome.replaceChildren(errorBox(e));
    }
    current.refresh();
  };
  const current = page('Clusters', async (body) => {
    const [clusters, objects] = await Promise.all([get('/api/v1/clusters'), get('/api/v1/objects')]);
    const works = countWorks(objects);
    if (!body.firstChild) body.append(outcome, list);
    list.replaceChildren(...clusters.sort((a, b) => a.name.localeCompare(b.name)).map((c) => card(c, works[c.name] ?? { total: 0, failing: 0 })));
  }, { onEvent: (e) => e.type === 'ClusterStateChanged' || e.type === 'TemplateStatusChanged', every: 5000 });

  function card(cluster, works) {
    const beat = cluster.lastHeartbeat;
    const name = cluster.name;
    const state = !cluster.accepted ? 'not accepted' : cluster.ready ? 'Ready' : 'NotReady';
    return h('article', { class: 'card cluster', dataset: { cluster: name, ready: String(cluster.ready) }, 'aria-labelledby': `cluster-${name}` },
      h('h2', { id: `cluster-${name}` }, name, ' ', h('span', { class: `badge ${cluster.ready ? 'ok' : 'bad'}` }, state)),
      h('dl', {},
        term('Last heartbeat', beat ? ago(beat.lastHeartbeat) : 'never'),
        term('Condition', cluster.condition ?? '—'),
        term('Kubernetes', beat ? `${beat.kubernetesVersion} · ${beat.nodeCount} nodes` : '—'),
        term('Where', beat ? [beat.provider, beat.region, beat.zone].filter(Boolean).join(' / ') || '—' : '—'),
        term('Labels', beat && Object.keys(beat.labels).length ? Object.entries(beat.labels).map(([k, v]) => h('code', {}, `${k}=${v}`)) : 'none'),
        term('Taints', cluster.taints.length ? cluster.taints.map((t) => h('code', {}, `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`)) : 'none'),
        term('CPU', beat ? usage(beat.allocatedCpuMillis, beat.allocatableCpuMillis, (m) => `${(m / 1000).toFixed(1)} cores`) : '—'),
        term('Memory', beat ? usage(beat.allocatedMemoryBytes, beat.allocatableMemoryBytes, (b) => `${(b / 2 ** 30).toFixed(1)} GiB`) : '—'),
        term('Works', `${works.total}`, works.failing ? h('span', { class: 'badge bad' }, `${works.failing} failing`) : null)),
      context.can('admin') ? actions(cluster) : null);
  }

  function actions(cluster) {
    const name = cluster.name;
    const buttons = h('div', { class: 'actions' });
    if (!cluster.accepted) {
      buttons.append(h('button', { type: 'button', onclick: () => act(`Accept ${name}`, () => post(`/api/v1/clusters/${name}/accept`)) }, `Accept ${name}`));
    } else {
      const confirm = h('button', { type: 'button', class: 'danger', hidden: true,
        onclick: () => act(`Take ${name} out`, () => post(`/api/v1/clusters/${name}/leave`)) }, `Confirm: take ${name} out and remove its works`);
      buttons.append(h('button', { type: 'button', 'aria-expanded': 'false', onclick: (e) => {
        confirm.hidden = !confirm.hidden;
        e.target.setAttribute('aria-expanded', String(!confirm.hidden));
      } }, `Take ${name} out…`), confirm);
    }
    return buttons;
  }
  return current;
}

const term = (name, ...value) => [h('dt', {}, name), h('dd', {}, ...value)];

function usage(used, capacity, unit) {
  const share = capacity ? Math.round((100 * used) / capacity) : 0;
  return [h('meter', { min: 0, max: 100, value: share, 'aria-label': `${share}% allocated` }), ` ${unit(used)} of ${unit(capacity)} (${share}%)`];
}

/** Works per cluster from the templates' statuses: how many, and how many failed or unhealthy. */
function countWorks(objects) {
  const works = {};
  for (const object of objects) {
    for (const c of object.status?.clusters ?? []) {
      const count = (works[c.cluster] ??= { total: 0, failing: 0 });
      count.total++;
      if (c.phase === 'Failed' || c.phase === 'Conflict' || c.health === 'Unhealthy') count.failing++;
    }
  }
  return works;
}
