import { useEffect } from 'preact/hooks';
import { useHub } from '../host/hub';
import { pickShortcuts, type Shortcut } from './pick-shortcuts';

interface ShortcutsState {
  /** Features the user pinned, in the order pinned. */
  pins?: string[];
}

/** The shortcuts the user has now (the launcher's tab hides itself without any). */
export function useShortcuts() {
  const [{ config, state }, hub] = useHub();
  const pins = hub.widget<ShortcutsState>('shortcuts')?.pins ?? [];
  const limit = config.widgets?.shortcuts?.limit ?? 5;
  return { pins, ...pickShortcuts(config.features ?? {}, state?.topFeatures ?? [], pins, limit) };
}

/**
 * The features this user reaches for most this month, one link each, with the ones they
 * pinned first. Pins are the user's widget state: they sync with the profile, go out in
 * the export and are forgotten with the user.
 */
export function Shortcuts() {
  const [{ config, state, t, tx }, hub] = useHub();
  const { pins, shown, rest } = useShortcuts();
  useEffect(() => void (shown.length && hub.count('shortcuts', 'shown')), [!shown.length]);
  const title = t('shortcutsTitle');
  const label = (f: string) => tx(config.features?.[f]?.label) || f;
  const pin = (s: Shortcut) => {
    hub.count('shortcuts', s.pinned ? 'unpinned' : 'pinned');
    hub.setWidget('shortcuts', { ...hub.widget<ShortcutsState>('shortcuts'), pins: s.pinned ? pins.filter((p) => p !== s.feature) : [...pins, s.feature] });
  };
  const row = (s: Shortcut) => (
    <li key={s.feature} data-shortcut={s.feature}>
      <span>
        <a href={s.href} onClick={() => hub.count('shortcuts', 'clicked', s.feature)}>
          {label(s.feature)}
        </a>
        {!!state?.uses28[s.feature] && <span class="mu"> · {t('usesMonth', { n: state.uses28[s.feature] })}</span>}
      </span>
      {/* A toggle: its name stays, aria-pressed says whether it is pinned. */}
      <button class="pin" aria-pressed={s.pinned} aria-label={t('pin', { label: label(s.feature) })} onClick={() => pin(s)}>
        <span aria-hidden="true">{s.pinned ? '★' : '☆'}</span>
      </button>
    </li>
  );
  return (
    <section aria-label={title} class="shortcuts">
      <h2>{title}</h2>
      {shown.length ? <ul class="items">{shown.map(row)}</ul> : <p class="mu">{t('shortcutsEmpty')}</p>}
      {rest.length > 0 && (
        <details>
          <summary>{t('allFeatures')}</summary>
          <ul class="items">{rest.map(row)}</ul>
        </details>
      )}
    </section>
  );
}
