// One template: its YAML and generation, per cluster its status, live object, placement verdict
// and overrides.
import { get, objectPath } from '../api.js';
import { errorBox, h, keyParts, tone, yaml } from '../dom.js';
import { page } from '../frame.js';

export function objectPage(context, key) {
  const parts = keyParts(key);
  const live = {};
  let apiVersion;
  return page(`${parts.kind} ${parts.namespace}/${parts.name}`, async (body) => {
    const path = objectPath(key);
    const [summary, document, explanation] = await Promise.all([
      get(`/api/v1/objects/${path}`),
      get(`/api/v1/objects/${path}/manifest`),
      get(`/api/v1/explain/${path}`).catch(() => null),
    ]);
    apiVersion = summary.apiVersion;
    const statuses = Object.fromEntries((summary.status?.clusters ?? []).map((c) => [c.cluster, c]));
    const verdicts = explanation?.clusters ?? [];
    const clusters = [...new Set([...verdicts.map((v) => v.cluster), ...Object.keys(statuses)])].sort();
    body.replaceChildren(
      h('p', { id: 'object-summary' },
        h('a', { href: '#/fleet' }, '← Fleet'), ' · ',
        `generation ${summary.generation}`,
        summary.status ? [' · ', h('span', { class: `badge ${tone(summary.status.health)}` }, summary.status.health)] : ' · policy'),
      explanation ? h('p', { class: 'hint' }, explanation.policy ? `placed by ${explanation.policy} (${explanation.rule})` : explanation.rule,
        explanation.passedOver?.length ? ` · passed over: ${explanation.passedOver.join('; ')}` : '') : null,
      clusters.length ? h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Per cluster' },
        h('table', { id: 'per-cluster' },
          h('thead', {}, h('tr', {}, ['Cluster', 'Placed', 'Why', 'Overrides', 'Status', 'Message', 'Live object'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, clusters.map((cluster) => row(cluster, verdicts.find((v) => v.cluster === cluster), statuses[cluster],
            explanation?.evictions?.find((e) => e.cluster === cluster)))))) : null,
      ...clusters.map((cluster) => liveSection(cluster)),
      h('h2', {}, 'Template'),
      h('pre', { id: 'object-yaml', class: 'yaml', tabindex: '0', 'aria-label': 'Template YAML' }, yaml(document)),
    );
  }, { onEvent: (e) => e.type === 'TemplateStatusChanged' && e.payload.objectKey === key });

  /** The cluster's live object, shown under the table once asked for. */
  function liveSection(cluster) {
    return h('section', { id: `live-${cluster}`, class: 'live', hidden: !live[cluster], 'aria-label': `Live object in ${cluster}` },
      h('h2', {}, `Live in ${cluster}`), live[cluster] ?? null);
  }

  /** Shows what is known of the cluster's live object; a redraw meanwhile draws the same. */
  function showLive(cluster, content) {
    live[cluster] = content;
    document.getElementById(`live-${cluster}`)?.replaceWith(liveSection(cluster));
  }

  /** @param eviction a graceful eviction keeping the template's works in the cluster, if any */
  function row(cluster, verdict, status, eviction) {
    const read = async () => {
      showLive(cluster, h('span', { class: 'hint' }, 'reading…'));
      try {
        const answer = await get(`/api/v1/clusters/${encodeURIComponent(cluster)}/objects?${liveQuery(apiVersion, parts)}`);
        const items = answer.items ?? [];
        showLive(cluster, items.length ? h('pre', { class: 'yaml', tabindex: '0', 'aria-label': `Live object in ${cluster} as YAML` }, yaml(items[0]))
          : h('span', { class: 'hint' }, 'not in the cluster'));
      } catch (e) {
        showLive(cluster, errorBox(e));
      }
    };
    return h('tr', { dataset: { cluster } },
      h('th', { scope: 'row' }, cluster),
      h('td', {}, verdict ? (verdict.selected ? 'yes' : 'no') : '—'),
      h('td', {}, verdict?.reason ?? '', verdict?.landsAs ? h('div', { class: 'meta' }, `as ${verdict.landsAs}`) : null,
        verdict?.notUpdated ? h('div', { class: 'meta' }, verdict.notUpdated) : null,
        eviction ? h('div', { class: 'meta' }, `evicted at ${eviction.since}: its works here ${eviction.works}`) : null),
      h('td', {}, verdict?.overrides?.length ? verdict.overrides.join(', ') : 'none'),
      h('td', {}, status ? [h('span', { class: 'badge' }, status.phase ?? 'Pending'), ' ', h('span', { class: `health ${tone(status.health)}` }, status.health),
        status.appliedGeneration != null ? h('div', { class: 'meta' }, `applied gen ${status.appliedGeneration}`) : null] : '—'),
      h('td', {}, status?.message ?? '', Object.entries(status?.liveSummary ?? {}).map(([k, v]) => h('div', { class: 'meta' }, `${k}=${v}`))),
      h('td', {}, h('button', { type: 'button', onclick: read, 'aria-label': `Read the live object from ${cluster}` }, 'Read')));
  }
}


/** The live-object query `kafleet get -m` sends, for the template's apiVersion. */
function liveQuery(apiVersion, { kind, namespace, name }) {
  const query = new URLSearchParams({ apiVersion, kind, name });
  if (namespace !== '_') query.set('namespace', namespace);
  return query.toString();
}
