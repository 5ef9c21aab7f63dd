// Rollouts: a timeline per rollout (steps, the current step and wave, its gates, the metric
// analysis asked and each check's measurements) and, for operators, promote, pause, resume and
// abort.
import { get, post, traffic } from '../api.js';
import { errorBox, h, keyParts, time } from '../dom.js';
import { page } from '../frame.js';

const FINISHED = new Set(['COMPLETED', 'ABORTED', 'REJECTED']);

export function rolloutsPage(context) {
  const problems = {};
  const current = page('Rollouts', async (body) => {
    const rollouts = await get(traffic('/rollouts'));
    body.replaceChildren(...(rollouts.length
      ? rollouts.map((r) => card(r))
      : [h('p', { class: 'hint' }, 'No rollout yet. Start one with `kafleet rollout start` or a RolloutRequested event.')]));
  }, { onEvent: (e) => e.type === 'RolloutProgress' || e.type === 'ShiftProgress' });

  async function command(rollout, verb) {
    problems[rollout.rolloutId] = null;
    try {
      await post(traffic(`/rollouts/${encodeURIComponent(rollout.rolloutId)}/${verb}?by=${encodeURIComponent(context.name)}`));
    } catch (e) {
      problems[rollout.rolloutId] = e;
    }
    current.refresh();
  }

  function card(rollout) {
    const id = rollout.rolloutId;
    const finished = FINISHED.has(rollout.status);
    const steps = rollout.steps ?? [];
    const waves = rollout.waves?.length ? rollout.waves : [['every cluster']];
    return h('article', { class: 'card rollout', dataset: { rollout: id, status: rollout.status, step: rollout.step }, 'aria-labelledby': `rollout-${id}` },
      h('h2', { id: `rollout-${id}` }, id, ' ', h('span', { class: `badge ${badge(rollout.status)}` }, rollout.status)),
      h('p', { class: 'hint' }, `${shortName(rollout.virtualService)}: ${rollout.stableSubset ?? '?'} → ${rollout.canarySubset ?? '?'}`,
        rollout.requestedBy ? ` · by ${rollout.requestedBy}` : '', ` · since ${time(rollout.since)}`),
      rollout.message ? h('p', { class: 'message' }, rollout.message) : null,
      rollout.analysis ? h('p', { class: 'meta analysis' }, analysisWords(rollout.analysis)) : null,
      h('ol', { class: 'timeline', 'aria-label': `Steps of ${id}` }, steps.map((step, i) => {
        const state = finished && rollout.status === 'COMPLETED' ? 'done' : i < rollout.step ? 'done' : i === rollout.step && !finished ? 'current' : 'pending';
        return h('li', { dataset: { step: i, state } },
          h('span', { class: 'step-title' }, `Step ${i + 1}: ${step.canaryWeight}% to ${rollout.canarySubset ?? 'canary'}`),
          h('span', { class: 'meta' }, step.pauseSeconds == null ? ' · waits for a promote' : ` · pause ${step.pauseSeconds} s`,
            testWords(step), rollout.analysis && step.checks > 1 ? ` · ${step.checks} passing checks` : ''),
          state === 'current' ? h('ul', { class: 'waves' }, waves.map((wave, w) => h('li', { dataset: { wave: w, state: waveState(rollout, w) } },
            `Wave ${w + 1} (${wave.join(', ')}): ${waveWords(rollout, w)}`))) : null,
          state === 'current' ? h('p', { class: 'meta' }, gates(rollout)) : null);
      })),
      checks(rollout),
      problems[id] ? errorBox(problems[id]) : null,
      context.can('operator') && !finished ? h('div', { class: 'actions' },
        rollout.status === 'PAUSED'
          ? button(rollout, 'resume', 'Resume')
          : button(rollout, 'pause', 'Pause'),
        button(rollout, 'promote', 'Promote'),
        button(rollout, 'abort', 'Abort', 'danger')) : null);
  }

  function button(rollout, verb, label, kind = '') {
    return h('button', { type: 'button', class: kind, dataset: { action: verb },
      'aria-label': `${label} rollout ${rollout.rolloutId}`, onclick: () => command(rollout, verb) }, label);
  }
  return current;
}

/** `networking.istio.io/VirtualService/default/podinfo` as `default/podinfo`. */
function shortName(key) {
  if (!key) return '';
  const { namespace, name } = keyParts(key);
  return name ? `${namespace}/${name}` : key;
}

const badge = (status) => ({ RUNNING: 'warn', PAUSED: 'muted', COMPLETED: 'ok', ABORTED: 'bad', REJECTED: 'bad' })[status] ?? 'muted';

function waveState(rollout, wave) {
  if (wave < rollout.wave || rollout.stage === 'PAUSING') return 'passed';
  return wave === rollout.wave ? 'current' : 'pending';
}

function waveWords(rollout, wave) {
  const state = waveState(rollout, wave);
  if (state === 'passed') return 'gates passed';
  if (state === 'pending') return 'waiting';
  return rollout.stage === 'GATING' ? `shift ${rollout.shiftId ?? ''} out, gates pending` : 'shift being requested';
}

function gates(rollout) {
  const g = rollout.gates ?? {};
  const asked = ['weights converged'];
  if (g.requireCanaryHealthy) asked.push('canary healthy');
  if (g.webhookUrl) asked.push(`webhook ${g.webhookUrl}`);
  const pause = rollout.stage === 'PAUSING' ? ' · all waves passed; pausing' : '';
  return `Gates: ${asked.join(', ')}${g.stepTimeoutSeconds ? ` (within ${g.stepTimeoutSeconds} s)` : ''}${pause}`;
}

/** e.g. `Analysis every 30 s: request-success-rate 99.. (over 60 s), …; back to stable after 2 failed checks in a row`. */
function analysisWords(analysis) {
  const metrics = (analysis.metrics ?? []).map((m) => `${m.name} ${range(m)} (over ${m.windowSeconds} s${m.query ? `: ${m.query}` : ''})`);
  return `Analysis every ${analysis.intervalSeconds} s: ${metrics.join(', ')}; back to stable after ${analysis.threshold} failed check${analysis.threshold === 1 ? '' : 's'} in a row in a cluster`;
}

/** A step's header test route, e.g. ` · requests with x-canary exact "true" go to the canary`. */
function testWords(step) {
  const matches = (step.testMatches ?? []).map((match) => Object.entries(match)
    .flatMap(([header, how]) => Object.entries(how).map(([kind, value]) => `${header} ${kind} "${value}"`)).join(' and '));
  return matches.length ? ` · requests with ${matches.join(' or ')} go to the canary` : '';
}

const range = (m) => `${m.min ?? ''}..${m.max ?? ''}`;

/** The analysis checks (and an abort's failing measurements): cluster, metric, value, range, pass/fail. */
function checks(rollout) {
  const entries = (rollout.history ?? []).filter((e) => e.measurements?.length);
  if (!entries.length) return null;
  return h('details', { class: 'analysis-checks', open: rollout.status === 'ABORTED' },
    h('summary', {}, `Analysis checks (${entries.filter((e) => e.phase === 'Analysed').length})`),
    h('table', { 'aria-label': `Analysis checks of ${rollout.rolloutId}` },
      h('thead', {}, h('tr', {}, ['When', 'Step', 'Cluster', 'Metric', 'Value', 'Range', 'Result'].map((c) => h('th', {}, c)))),
      h('tbody', {}, entries.flatMap((e) => e.measurements.map((m, i) => h('tr', { dataset: { phase: e.phase, passed: m.passed } },
        h('td', {}, i === 0 ? `${time(e.at)}${e.phase === 'Analysed' ? '' : ` ${e.phase}`}` : ''),
        h('td', {}, i === 0 ? `${e.step + 1} · wave ${e.wave + 1}` : ''),
        h('td', {}, m.cluster), h('td', {}, m.metric), h('td', {}, m.value ?? '—'), h('td', {}, range(m)),
        h('td', { class: m.passed ? 'ok' : 'bad' }, m.passed ? 'pass' : `fail${m.error ? `: ${m.error}` : ''}`)))))));
}
