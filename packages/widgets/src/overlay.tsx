import { Checklist } from './checklist';
import { Digest } from './digest';
import { useHub } from './hub';
import { Launcher } from './launcher';
import { Nudges } from './nudges';
import { Records } from './records';
import { ReminderClock } from './reminders';
import { useTheme } from './theme';
import { Toasts } from './toasts';

/** Everything the page-level host shows; each widget follows its `enabled` flag live. */
export function Overlay({ host }: { host: HTMLElement }) {
  const [{ config, locale }] = useHub();
  useTheme(host);
  const w = config.widgets ?? {};
  return (
    <div lang={locale}>
      {w.digest?.enabled && <Digest />}
      <Launcher />
      {w.reminders?.enabled && <ReminderClock />}
      <Toasts />
      <Nudges />
    </div>
  );
}

/** A custom element's body: the same widget inline, with theme and language. */
export function Inline({ host, widget }: { host: HTMLElement; widget: 'checklist' | 'records' | 'digest' }) {
  const [{ locale }] = useHub();
  useTheme(host);
  return <div lang={locale}>{widget === 'digest' ? <Digest inline /> : widget === 'records' ? <Records /> : <Checklist />}</div>;
}
