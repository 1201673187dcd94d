/** One change between two configs, at a readable path (`widgets.digest.enabled`, `milestones[1].title`). */
export interface ConfigChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  from?: string;
  to?: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every leaf of a JSON value by path; arrays by index, empty objects and arrays as leaves. */
function leaves(value: unknown, path: string, out: Map<string, string>) {
  if (Array.isArray(value) && value.length) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (isObject(value) && Object.keys(value).length) for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.set(path || '(config)', JSON.stringify(value));
}

/** What changes from `before` to `after`, leaf by leaf, in path order. */
export function configDiff(before: unknown, after: unknown): ConfigChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  leaves(before ?? {}, '', a);
  leaves(after ?? {}, '', b);
  const changes: ConfigChange[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const from = a.get(path);
    const to = b.get(path);
    if (from === to) continue;
    changes.push(from === undefined ? { path, kind: 'added', to } : to === undefined ? { path, kind: 'removed', from } : { path, kind: 'changed', from, to });
  }
  return changes;
}
