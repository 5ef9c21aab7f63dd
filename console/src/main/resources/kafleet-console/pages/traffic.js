// Traffic: every VirtualService's weights per cluster as bars (desired and observed), its shift
// history, and a shift form for operators. The bars follow the live feed as clusters converge.
import { ApiError, get, post, traffic } from '../api.js';
import { h, time, weightsText } from '../dom.js';
import { page } from '../frame.js';

const TRAFFIC_EVENTS = new Set(['ShiftProgress', 'ShiftCompleted', 'RolloutProgress']);

export function trafficPage(context) {
  let services = [];
  const opened = new Set();
  const form = context.can('operator') ? shiftForm(() => services, context.name) : null;
  const list = h('div', { id: 'virtualservices' });
  return page('Traffic', async (body) => {
    services = await get(traffic('/virtualservices'));
    const histories = await Promise.all(services.map((vs) => get(traffic(`/virtualservices/${vs.namespace}/${vs.name}/history`)).then((h) => h.changes, () => null)));
    if (!body.firstChild) body.append(...(form ? [form.element] : []), list);
    form?.offer(services);
    list.replaceChildren(...(services.length
      ? services.map((vs, i) => card(vs, histories[i], opened))
      : [h('p', { class: 'hint' }, 'No VirtualService is in the fleet.')]));
  }, { onEvent: (e) => TRAFFIC_EVENTS.has(e.type) || e.type === 'TemplateStatusChanged' });
}

function card(vs, history, opened) {
  const clusters = Object.entries(vs.clusters);
  const routes = new Map();
  for (const [, view] of clusters) for (const route of view.desired) routes.set(route.index, route);
  return h('article', { class: 'card vs', dataset: { vs: vs.virtualService }, 'aria-labelledby': `vs-${vs.namespace}-${vs.name}` },
    h('h2', { id: `vs-${vs.namespace}-${vs.name}` }, vs.virtualService),
    vs.lastShift ? h('p', { class: 'hint' }, `last shift ${vs.lastShift.shiftId} at ${time(vs.lastShift.requestedAt)}: `,
      vs.lastShift.completed ? (vs.lastShift.converged ? 'converged' : 'did not converge') : 'converging…') : null,
    [...routes.values()].map((route) => h('section', { class: 'route', dataset: { route: route.index } },
      h('h3', {}, `Route ${route.index}${route.name ? ` (${route.name})` : ''}`),
      h('div', { class: 'legend' }, 'desired', h('span', { class: 'sr-only' }, ' then '), ' / observed'),
      clusters.map(([cluster, view]) => h('div', { class: 'cluster-bars' },
        h('span', { class: 'cluster-name' }, cluster),
        bar(vs, cluster, 'desired', view.desired.find((r) => r.index === route.index)),
        bar(vs, cluster, 'observed', view.observed.find((r) => r.index === route.index)))))),
    history?.length ? h('details', { class: 'history', open: opened.has(vs.virtualService),
      ontoggle: (e) => (e.target.open ? opened.add(vs.virtualService) : opened.delete(vs.virtualService)) },
      h('summary', {}, `Shift history (${history.length})`),
      h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `Shift history of ${vs.virtualService}` },
        h('table', {}, h('thead', {}, h('tr', {}, ['When', 'Shift', 'By', 'Weights', 'Outcome'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, history.slice().reverse().slice(0, 20).map((s) => h('tr', {},
            h('td', {}, time(s.requestedAt)), h('td', {}, h('code', {}, s.shiftId)), h('td', {}, s.requestedBy ?? s.origin ?? ''),
            h('td', {}, (s.requested ?? []).map((d) => `${d.subset ?? d.host}=${d.weight}`).join(', ')),
            h('td', {}, s.completed ? (s.converged ? 'converged' : 'not converged') : 'in progress'))))))) : null);
}

const COLOURS = ['c0', 'c1', 'c2', 'c3'];

function bar(vs, cluster, kind, route) {
  const weights = weightsText(route);
  const words = weights ? weights.replaceAll('=', ' ').replaceAll(',', ', ') : 'not reported yet';
  return h('div', { class: `bar ${kind}`, role: 'img', 'aria-label': `${cluster} ${kind}: ${words}`,
    dataset: { vs: vs.virtualService, cluster, kind, weights } },
    route ? route.destinations.map((d, i) => h('span', { class: `segment ${COLOURS[i % COLOURS.length]}`, style: `flex-grow: ${d.weight}` },
      d.weight ? `${d.subset ?? d.host} ${d.weight}` : '')) : h('span', { class: 'segment empty' }, 'not reported'));
}

/** The shift form: its fields stay as typed while the bars below refresh. */
function shiftForm(services, requestedBy) {
  const vs = h('select', { id: 'shift-vs', name: 'virtualService', required: true });
  const route = h('select', { id: 'shift-route', name: 'route' });
  const weights = h('div', { class: 'weights' });
  const clusters = h('div', { class: 'checks' });
  const reason = h('input', { id: 'shift-reason', name: 'reason', autocomplete: 'off' });
  const result = h('p', { id: 'shift-result', role: 'status' });
  const errors = {};
  const errorAt = (id) => (errors[id] = h('p', { id: `${id}-error`, class: 'field-error', role: 'alert' }));
  const element = h('form', { id: 'shift-form', class: 'card', 'aria-labelledby': 'shift-title', novalidate: true },
    h('h2', { id: 'shift-title' }, 'Shift weights'),
    h('div', { class: 'field' }, h('label', { for: 'shift-vs' }, 'VirtualService'), vs, errorAt('shift-vs')),
    h('div', { class: 'field' }, h('label', { for: 'shift-route' }, 'Route'), route, errorAt('shift-route')),
    h('fieldset', { id: 'shift-weights' }, h('legend', {}, 'Weights (whole numbers summing to 100)'), weights, errorAt('shift-weights')),
    h('fieldset', { id: 'shift-clusters' }, h('legend', {}, 'Clusters'), clusters, errorAt('shift-clusters')),
    h('div', { class: 'field' }, h('label', { for: 'shift-reason' }, 'Reason'), reason, errorAt('shift-reason')),
    h('button', { type: 'submit' }, 'Shift'),
    errorAt('shift-form'),
    result);

  const chosen = () => services().find((s) => s.virtualService === vs.value);
  /** The route's subsets with their weights now, then the DestinationRule's others at 0. */
  function subsetsOf(service, index) {
    const subsets = [];
    for (const view of Object.values(service?.clusters ?? {})) {
      for (const d of view.desired.find((r) => r.index === index)?.destinations ?? []) {
        const name = d.subset ?? d.host;
        if (!subsets.some((s) => s.subset === name)) subsets.push({ subset: name, weight: d.weight });
      }
    }
    for (const subset of service?.subsets ?? []) {
      if (!subsets.some((s) => s.subset === subset)) subsets.push({ subset, weight: 0 });
    }
    return subsets;
  }
  /** What the fields offer: a redraw fills them again only when this changed. */
  const choices = () => {
    const service = chosen();
    return JSON.stringify([vs.value, route.value, Object.keys(service?.clusters ?? {}), subsetsOf(service, Number(route.value)).map((s) => s.subset)]);
  };
  function fillRoute() {
    const service = chosen();
    const indexes = [...new Set(Object.values(service?.clusters ?? {}).flatMap((v) => v.desired.map((r) => r.index)))];
    const before = route.value;
    route.replaceChildren(...indexes.map((i) => h('option', { value: i }, `${i}`)));
    if (indexes.map(String).includes(before)) route.value = before;
    fillWeights();
    offered = choices();
    clusters.replaceChildren(...Object.keys(service?.clusters ?? {}).map((c) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'cluster', value: c, checked: true }), ` ${c}`)));
  }
  function fillWeights() {
    const subsets = subsetsOf(chosen(), Number(route.value));
    weights.replaceChildren(...subsets.map((d, i) => h('div', { class: 'field' },
      h('label', { for: `weight-${d.subset}` }, d.subset),
      h('input', { id: `weight-${d.subset}`, name: 'weight', type: 'number', min: 0, max: 100, step: 1, inputmode: 'numeric',
        value: d.weight, dataset: { subset: d.subset, index: i }, 'aria-describedby': `weight-${d.subset}-error` }),
      errorAt(`weight-${d.subset}`))));
  }
  let offered = null;
  vs.addEventListener('change', fillRoute);
  route.addEventListener('change', () => {
    fillWeights();
    offered = choices();
  });

  element.addEventListener('submit', async (e) => {
    e.preventDefault();
    Object.values(errors).forEach((p) => p.replaceChildren());
    result.replaceChildren();
    const inputs = [...weights.querySelectorAll('input')];
    const asked = {};
    let fine = true;
    for (const input of inputs) {
      const value = input.value.trim();
      if (!/^\d+$/.test(value) || Number(value) > 100) {
        errors[`weight-${input.dataset.subset}`].textContent = 'a whole number from 0 to 100';
        fine = false;
      }
      asked[input.dataset.subset] = Number(value);
    }
    if (!fine) return;
    const service = chosen();
    const body = {
      virtualService: { namespace: service.namespace, name: service.name },
      route: { index: Number(route.value) },
      weights: asked,
      clusters: [...clusters.querySelectorAll('input:checked')].map((c) => c.value),
      requestedBy,
      reason: reason.value.trim() || null,
    };
    try {
      const accepted = await post(traffic('/shifts'), body);
      result.textContent = `Shift ${accepted.shiftId} sent to ${accepted.clusters.join(', ')}: the bars follow each cluster.`;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      for (const v of error.violations) {
        const at = where(v.field, inputs);
        at.textContent = at === errors['shift-form'] && v.field ? `${v.field}: ${v.reason}` : v.reason;
      }
    }
  });

  /** The field a server-side violation names: `weights[1]` is the second subset's box. */
  function where(field, inputs) {
    const index = field?.match(/^weights\[(\d+)\]/);
    if (index && inputs[index[1]]) return errors[`weight-${inputs[index[1]].dataset.subset}`];
    if (field?.startsWith('weights')) return errors['shift-weights'];
    if (field?.startsWith('clusters')) return errors['shift-clusters'];
    if (field?.startsWith('route')) return errors['shift-route'];
    if (field?.startsWith('virtualService')) return errors['shift-vs'];
    if (field?.startsWith('reason')) return errors['shift-reason'];
    return errors['shift-form'];
  }

  return {
    element,
    /** Takes the VirtualServices as loaded; the fields are filled again only when their choices changed. */
    offer(list) {
      const before = vs.value;
      const names = list.map((s) => s.virtualService);
      if (names.join() !== [...vs.options].map((o) => o.value).join()) {
        vs.replaceChildren(...names.map((n) => h('option', { value: n }, n)));
        if (names.includes(before)) vs.value = before;
      }
      if (choices() !== offered) fillRoute();
    },
  };
}
