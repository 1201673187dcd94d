import { useEffect } from 'preact/hooks';
import { useHub } from '../host/hub';
import { useSlot } from '../host/slot';
import { ctaHref, pickAnnouncement } from './pick-announcement';

/** The attention record's key of an announcement: its marks (dismissed, done) follow the user to every device. */
const markKey = (id: string) => `announce:${id}`;

/**
 * "What's new": at most one announcement at a time, when the attention budget grants it.
 * Dismissed, or taken up through its call to action, it never returns, on any tab or device.
 */
export function Announce() {
  const [{ config, state, fits, t, tx }, hub] = useHub();
  const over = (id: string) => {
    const m = hub.attention.marked(markKey(id));
    return !!(m?.dismissed || m?.done);
  };
  // Nothing before the engine's state: who has used the feature is not known yet.
  const item = state ? pickAnnouncement(config.widgets?.announce?.items ?? [], fits, over) : undefined;
  const shown = useSlot(item ? markKey(item.id) : null, hub.priority('announce'));
  // Counted once it is on screen: the budget may hold a picked one back.
  useEffect(() => void (item && shown && hub.count('announce', 'shown', item.id)), [item?.id, shown]);
  if (!item || !shown) return null;
  const href = ctaHref(item, config.features);
  const title = tx(item.title);
  const banner = item.style === 'banner';
  return (
    <section class={`card fixed announce${banner ? ' banner' : ''}`} aria-label={title} data-habitual-interruptive="">
      <div class="row">
        <p class="mu">{t('whatsNew')}</p>
        <button
          class="x"
          aria-label={t('dismiss')}
          onClick={() => (hub.count('announce', 'dismissed', item.id), hub.attention.mark(markKey(item.id), 'dismissed'))}
        >
          ×
        </button>
      </div>
      <h2>{title}</h2>
      {item.text && <p>{tx(item.text)}</p>}
      {item.cta && href && (
        <div class="acts">
          {/* Taken up: counted, and done for good (the link then leaves, or the SPA routes on). */}
          <a class="cta" href={href} onClick={() => (hub.count('announce', 'clicked', item.id), hub.attention.mark(markKey(item.id), 'done'))}>
            {tx(item.cta.text)}
          </a>
        </div>
      )}
    </section>
  );
}
