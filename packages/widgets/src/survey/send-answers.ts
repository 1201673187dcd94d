import { useEffect } from 'preact/hooks';
import type { Hub } from '../host/hub';
import { wireAnswer, type StoredAnswer, type SurveyState } from './answers';

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 600_000;

const state = (hub: Hub) => hub.widget<SurveyState>('survey') ?? {};

/** Writes `patch` onto the answer `id` in the latest state (another answer may have come meanwhile). */
function mark(hub: Hub, id: string, patch: Partial<StoredAnswer>) {
  const s = state(hub);
  hub.setWidget('survey', { ...s, answers: s.answers?.map((a) => (a.id === id ? { ...a, ...patch } : a)) });
}

/**
 * Sends the answers the collector does not have yet, one request each, oldest first; resolves
 * true when some must wait (offline, collector down, no consent yet). The collector keeps an
 * answer once by its id, so a send repeated after a lost reply stores nothing twice. One it
 * refuses as invalid (4xx) stays on the device, marked, and is not sent again.
 */
export async function sendAnswers(hub: Hub): Promise<boolean> {
  for (const answer of state(hub).answers?.filter((a) => !a.sent && !a.refused) ?? []) {
    try {
      await hub.host.respond([wireAnswer(answer)]);
      mark(hub, answer.id, { sent: true });
    } catch (cause) {
      const status = (cause as { status?: number }).status ?? 0;
      if (status < 400 || status >= 500 || status === 408 || status === 429) return true;
      mark(hub, answer.id, { refused: String((cause as Error).message) });
      hub.host.report({ code: 'sync-rejected', message: `The collector refused survey answer ${answer.id}: ${(cause as Error).message}`, cause });
    }
  }
  return false;
}

let running: Promise<boolean> | undefined;

/**
 * Keeps sending while the survey is mounted: at once, after each answer (`nudge`), when the
 * browser comes online, and with a growing pause (30 s to 10 min) while answers wait.
 */
export function useSender(hub: Hub, nudge: unknown) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = FIRST_RETRY_MS;
    let live = true;
    const run = () => {
      clearTimeout(timer);
      running ??= sendAnswers(hub).finally(() => (running = undefined));
      void running.then((again) => {
        if (!live || !again) return void (wait = FIRST_RETRY_MS);
        timer = setTimeout(run, wait);
        wait = Math.min(wait * 2, MAX_RETRY_MS);
      });
    };
    const win = hub.doc.defaultView;
    win?.addEventListener('online', run);
    run();
    return () => {
      live = false;
      clearTimeout(timer);
      win?.removeEventListener('online', run);
    };
  }, [hub, nudge]);
}
