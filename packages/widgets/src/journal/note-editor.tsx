import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { addDays } from '@habitual/core';
import { useHub } from '../host/hub';
import { KEEP_DAYS, MAX_NOTE, type JournalNotes } from './notes';
import type { teamNotes } from './team-notes';

/** The day's note (keyed by day): a labelled textarea, save, the team choice, and delete with a confirmation. */
export function NoteEditor({
  day,
  setDay,
  notes,
  team,
  offer,
  focus,
}: {
  day: string;
  setDay(day: string): void;
  notes: JournalNotes;
  /** The team-notes client, when the identity allows it (deleting a shared note unshares it). */
  team?: ReturnType<typeof teamNotes>;
  /** Offer "Share with my team" (`widgets.journal.team`). */
  offer: boolean;
  /** Set when the textarea should take focus as it mounts. */
  focus: { current: boolean };
}) {
  const [{ t, fmt, today, config }, hub] = useHub();
  const note = notes[day];
  const [text, setText] = useState(note?.text ?? '');
  const [share, setShare] = useState(!!note?.shared);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  // Keyed by day: a new day is a new editor, focused when the user came from "Edit".
  useLayoutEffect(() => {
    if (focus.current) field.current?.focus();
    focus.current = false;
  }, []);
  useLayoutEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  const put = (next: JournalNotes) => hub.setWidget('journal', { ...hub.widget<object>('journal'), notes: next });
  // The notes as stored now (a save may have landed while a request was out).
  const readNow = () => ({ ...((hub.widget<{ notes?: JournalNotes }>('journal')?.notes as JournalNotes) ?? {}) });
  const mark = (shared: boolean) => {
    const now = readNow();
    if (now[day]) put({ ...now, [day]: { ...now[day], ...(shared ? { shared: true } : { shared: undefined }) } });
  };
  const label = fmt.day(day);

  const save = async (e: Event) => {
    e.preventDefault();
    const body = text.slice(0, MAX_NOTE);
    if (!body.trim()) return;
    const was = !!note?.shared;
    // Bounded like the days: notes older than the device keeps days for are dropped.
    const from = addDays(today, -(config.retentionDays ?? KEEP_DAYS));
    const kept = Object.fromEntries(Object.entries(notes).filter(([d]) => d >= from));
    put({ ...kept, [day]: { text: body, at: hub.host.now(), ...(was ? { shared: true } : {}) } });
    hub.count('journal', 'saved', 'note');
    setStatus(t('saved'));
    if (!offer || !team || (!share && !was)) return;
    try {
      // Sent only now, when the user asks: a note never shared never leaves the device.
      if (share) await team.share(day, body);
      else await team.unshare(day);
      mark(share);
      if (share) hub.count('journal', 'shared', 'note');
      setStatus(share ? t('shared') : t('saved'));
    } catch {
      setStatus(t('teamFailed'));
    }
  };

  const remove = async () => {
    try {
      if (note?.shared) await team?.unshare(day);
    } catch {
      // Still shared: the note stays, so it is never left on the collector without the user knowing.
      return setStatus(t('teamFailed'));
    }
    const rest = readNow();
    delete rest[day];
    put(rest);
    setConfirming(false);
    setText('');
    setStatus(t('deleted'));
    field.current?.focus();
  };

  return (
    <form onSubmit={save}>
      <label>
        {t('day')} <input type="date" value={day} max={today} onChange={(e) => (e.currentTarget.value ? setDay(e.currentTarget.value) : undefined)} />
      </label>
      <label>
        {t('noteFor', { day: label })}
        <textarea ref={field} maxLength={MAX_NOTE} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      {offer && (
        <label class="ck">
          <input type="checkbox" checked={share} onChange={(e) => setShare(e.currentTarget.checked)} />
          {t('shareTeam')}
        </label>
      )}
      <div class="acts">
        <button type="submit" class="p">
          {t('save')}
        </button>
        {note && (
          <button type="button" ref={deleteRef} aria-expanded={confirming} onClick={() => setConfirming(true)}>
            {t('deleteNote')}
          </button>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-label={t('deleteNote')} class="acts">
          <p>{t('deleteConfirm', { day: label })}</p>
          <button type="button" class="p" onClick={remove}>
            {t('delete')}
          </button>
          <button type="button" ref={cancelRef} onClick={() => (setConfirming(false), deleteRef.current?.focus())}>
            {t('cancel')}
          </button>
        </div>
      )}
      <p role="status" class="mu">
        {status}
      </p>
    </form>
  );
}
