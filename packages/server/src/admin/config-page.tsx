import { useEffect, useMemo, useState } from 'preact/hooks';
import type { HabitualConfig } from '@habitual/core';
import { WIDGETS, type EditorField, type WidgetId } from '@habitual/widgets/registry';
import { validateAppConfig } from '../config/validate-app-config';
import { api, type ApiError } from './api';
import { ConfirmDialog } from './confirm-dialog';
import { configDiff } from './config-diff';
import { ConfigDiffView } from './config-diff-view';
import { WidgetPreview } from './widget-preview';

interface ConfigView {
  version: number;
  config: HabitualConfig;
  versions: Array<{ version: number; note: string; createdAt: string }>;
}

type Fields = Record<string, unknown>;

/** Sets `widgets[id][key] = value` in a copy of `config` (undefined or '' removes the key). */
function withWidget(config: HabitualConfig, id: WidgetId, key: string, value: unknown): HabitualConfig {
  const widget: Fields = { ...(config.widgets?.[id] as Fields | undefined) };
  if (value === undefined || value === '') delete widget[key];
  else widget[key] = value;
  return { ...config, widgets: { ...config.widgets, [id]: widget } };
}

/** The strings in a nested object of texts, each with its path of keys. */
function leaves(obj: Fields, path: string[] = []): Array<[string[], string]> {
  return Object.entries(obj).flatMap(
    ([k, v]): Array<[string[], string]> => (v && typeof v === 'object' ? leaves(v as Fields, [...path, k]) : [[[...path, k], String(v ?? '')]]),
  );
}

/** A copy of `obj` with the string at `path` replaced. */
function withLeaf(obj: Fields, [key, ...rest]: string[], value: string): Fields {
  return { ...obj, [key]: rest.length ? withLeaf((obj[key] ?? {}) as Fields, rest, value) : value };
}

/** One control for a widget field the registry lists for the editor. */
function FieldControl({ field, value, set }: { field: EditorField; value: unknown; set(value: unknown): void }) {
  const text = (e: Event) => (e.target as HTMLInputElement).value;
  if (field.kind === 'choices') {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    return (
      <>
        {field.choices!.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={chosen.includes(c)}
              onChange={(e) => {
                const rest = chosen.filter((x) => x !== c);
                set((e.target as HTMLInputElement).checked ? [...rest, c] : rest);
              }}
            />{' '}
            {field.label} {c}
          </label>
        ))}
      </>
    );
  }
  // A text per locale (`{ en: 'Get set up', fi: 'Aloita' }`, plural forms within): one box per text.
  if (field.kind === 'text' && value && typeof value === 'object') {
    return (
      <>
        {leaves(value as Fields).map(([path, leaf]) => (
          <label key={path.join('.')}>
            {field.label} ({path.join(' ')}) <input type="text" value={leaf} onInput={(e) => set(withLeaf(value as Fields, path, text(e)))} />
          </label>
        ))}
      </>
    );
  }
  const shown = field.kind === 'times' && Array.isArray(value) ? value.join('-') : value === undefined ? '' : String(value);
  const parse = (v: string): unknown =>
    field.kind === 'number' ? (v === '' ? undefined : Number(v)) : field.kind === 'times' ? (v.trim() ? v.split('-').map((x) => x.trim()) : undefined) : v;
  return (
    <label>
      {field.label}{' '}
      <input
        type={field.kind === 'number' ? 'number' : 'text'}
        min={field.kind === 'number' ? '0' : undefined}
        value={shown}
        onInput={(e) => set(parse(text(e)))}
      />
    </label>
  );
}

/**
 * The widget config editor: a toggle and the common fields per widget, the whole config as
 * JSON, validated with the collector's own check (core's schema plus every widget's part);
 * publishing and rolling back each show the diff against the version in force and ask first.
 */
export function ConfigPage() {
  const [view, setView] = useState<ConfigView | null>(null);
  const [draft, setDraft] = useState<HabitualConfig>({});
  const [text, setText] = useState('{}');
  const [jsonError, setJsonError] = useState<string>();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const [serverProblems, setServerProblems] = useState<Array<{ path: string; message: string }>>([]);

  const load = () =>
    api<ConfigView>('/v1/admin/config').then(
      (v) => {
        setView(v);
        edit(v.config);
      },
      (e: ApiError) => setMessage({ kind: 'error', text: e.error }),
    );
  useEffect(() => void load(), []);

  function edit(next: HabitualConfig) {
    setDraft(next);
    setText(JSON.stringify(next, null, 2));
    setJsonError(undefined);
    setServerProblems([]);
  }

  const problems = useMemo(() => validateAppConfig(draft), [draft]);
  const dirty = view && JSON.stringify(view.config) !== JSON.stringify(draft);

  // What the confirmation shows: publishing the draft, or rolling back to an older version.
  const [confirming, setConfirming] = useState<{ kind: 'publish' } | { kind: 'rollback'; version: number; config: HabitualConfig }>();

  async function save() {
    if (!view || problems.length || jsonError) return;
    try {
      const saved = await api<{ version: number }>('/v1/admin/config', { method: 'PUT', body: { config: draft, note, baseVersion: view.version } });
      setConfirming(undefined);
      setNote('');
      await load();
      setMessage({ kind: 'ok', text: `Published as version ${saved.version}; open pages pick it up on their next check.` });
    } catch (e) {
      const err = e as ApiError;
      setServerProblems(err.problems ?? []);
      throw err;
    }
  }

  async function rollback(version: number) {
    const saved = await api<{ version: number }>('/v1/admin/config/rollback', { method: 'POST', body: { version } });
    setConfirming(undefined);
    await load();
    setMessage({ kind: 'ok', text: `Rolled back to version ${version} (saved as version ${saved.version}).` });
  }

  async function reviewRollback(version: number) {
    try {
      const found = await api<{ config: HabitualConfig }>(`/v1/admin/config/versions/${version}`);
      setConfirming({ kind: 'rollback', version, config: found.config });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as ApiError).error });
    }
  }

  if (!view) return message ? <p class="error">{message.text}</p> : <p class="muted">Loading config…</p>;
  const w = draft.widgets ?? {};
  const shown = [...problems, ...serverProblems];
  return (
    <section>
      <h1>
        Widget config <span class="muted">v{view.version}</span>
      </h1>
      {WIDGETS.map(({ id, label, editor }) => (
        <fieldset key={id}>
          <label>
            <input
              type="checkbox"
              data-testid={`toggle-${id}`}
              checked={!!w[id]?.enabled}
              onChange={(e) => edit(withWidget(draft, id, 'enabled', (e.target as HTMLInputElement).checked))}
            />{' '}
            <strong>{label}</strong>
          </label>
          {editor.map((field) => (
            <FieldControl
              key={field.key}
              field={field}
              value={(w[id] as Fields | undefined)?.[field.key]}
              set={(v) => edit(withWidget(draft, id, field.key, v))}
            />
          ))}
        </fieldset>
      ))}
      <fieldset>
        <label>
          <strong>Whole config (JSON)</strong>: features, activation, funnels, milestones, checklist items, nudges
          <textarea
            value={text}
            onInput={(e) => {
              const value = (e.target as HTMLTextAreaElement).value;
              setText(value);
              try {
                const parsed = JSON.parse(value);
                setDraft(parsed);
                setJsonError(undefined);
              } catch (err) {
                setJsonError(`The JSON does not parse: ${(err as Error).message}`);
              }
            }}
          />
        </label>
      </fieldset>
      {jsonError && <p class="error">{jsonError}</p>}
      {shown.length > 0 && (
        <ul class="error" data-testid="problems">
          {shown.map((p) => (
            <li key={p.path + p.message}>
              {p.path || 'config'}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <p>
        <button
          type="button"
          class="primary"
          data-testid="save"
          disabled={!dirty || problems.length > 0 || !!jsonError}
          onClick={() => setConfirming({ kind: 'publish' })}
        >
          Review and publish version {view.version + 1}…
        </button>{' '}
        <button type="button" disabled={!dirty} onClick={() => edit(view.config)}>
          Discard changes
        </button>{' '}
        {!dirty && <span class="muted">No unpublished change.</span>}
      </p>
      {confirming?.kind === 'publish' && (
        <ConfirmDialog
          title={`Publish version ${view.version + 1}?`}
          confirm={`Publish version ${view.version + 1}`}
          onConfirm={save}
          onClose={() => setConfirming(undefined)}
        >
          <p>Every page with the widgets picks this up on its next config check. Changes from v{view.version}, the version in force:</p>
          <ConfigDiffView changes={configDiff(view.config, draft)} />
          <label>
            What changed (kept with the version) <input name="note" size={40} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </label>
        </ConfirmDialog>
      )}
      {confirming?.kind === 'rollback' && (
        <ConfirmDialog
          title={`Roll back to version ${confirming.version}?`}
          confirm={`Roll back to version ${confirming.version}`}
          onConfirm={() => rollback(confirming.version)}
          onClose={() => setConfirming(undefined)}
        >
          <p>
            Version {confirming.version}'s config is saved again as version {view.version + 1} and goes to every page on its next check. What changes from v
            {view.version}:
          </p>
          <ConfigDiffView changes={configDiff(view.config, confirming.config)} />
        </ConfirmDialog>
      )}
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'muted'} role="status">
          {message.text}
        </p>
      )}
      <WidgetPreview config={draft} valid={problems.length === 0 && !jsonError} />
      <h2>Versions</h2>
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th>Saved</th>
            <th>Note</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {view.versions.map((v) => (
            <tr key={v.version}>
              <td>
                v{v.version}
                {v.version === view.version ? ' (in force)' : ''}
              </td>
              <td>{new Date(v.createdAt).toLocaleString()}</td>
              <td>{v.note}</td>
              <td>
                {v.version !== view.version && (
                  <button type="button" onClick={() => reviewRollback(v.version)}>
                    Compare and roll back…<span class="visually-hidden"> (version {v.version})</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
