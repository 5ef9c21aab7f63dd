// Small helpers the pages share: element building, YAML, times, errors.

/** An element with attributes (`on…` functions become listeners) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Runs `work` at most once per `ms`, the last call winning. */
export function debounce(work, ms = 250) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(work, ms);
  };
}

/** An error as the page shows it: the reason, and each field the server named. */
export function errorBox(error) {
  const violations = error.violations ?? [{ field: null, reason: error.message }];
  return h(
    'div',
    { class: 'error', role: 'alert' },
    violations.map((v) => h('p', {}, v.field ? h('code', {}, v.field) : null, v.field ? ': ' : '', v.reason)),
  );
}

export function ago(iso) {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

/** The colour class of a health: Healthy, Progressing, Unhealthy, anything else. */
export const tone = (health) => ({ Healthy: 'ok', Unhealthy: 'bad', Progressing: 'warn' })[health] ?? 'muted';

export const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

/** An object key (group/Kind/namespace/name) in parts. */
export function keyParts(key) {
  const [group, kind, namespace, ...name] = key.split('/');
  return { group, kind, namespace, name: name.join('/') };
}

/** A route's weights as `green=80,blue=20`, in the route's order. */
export const weightsText = (route) =>
  (route?.destinations ?? []).map((d) => `${d.subset ?? d.host}=${d.weight}`).join(',');

/** JSON data as YAML, for people to read (strings quoted only where YAML needs it). */
export function yaml(value) {
  return render(value, 0).replace(/^\n/, '') + '\n';
}

const complex = (v) =>
  (Array.isArray(v) && v.length > 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0);

function render(value, depth) {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value) && value.length) {
    return value
      .map((item) => '\n' + pad + '- ' + (complex(item) ? render(item, depth + 1).replace(/^\n\s*/, '') : scalar(item)))
      .join('');
  }
  if (complex(value)) {
    return Object.entries(value)
      .map(([k, v]) => '\n' + pad + scalar(k) + ':' + (complex(v) ? render(v, depth + 1) : ' ' + scalar(v)))
      .join('');
  }
  return scalar(value);
}

function scalar(value) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object') return '{}';
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z_./][\w ./@-]*$/.test(value) && !/ $/.test(value)
    && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}
