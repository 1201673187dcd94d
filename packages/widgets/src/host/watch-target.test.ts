import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTarget } from './watch-target';

let stop = () => {};
afterEach(() => {
  stop();
  document.body.innerHTML = '';
});

/** Starts watching `selector`, recording every element handed over and every "missing". */
function watch(selector: string, wait?: number) {
  const seen: Array<HTMLElement | null> = [];
  const missing = vi.fn();
  stop = watchTarget(document, selector, (el) => seen.push(el), missing, wait);
  return { seen, missing };
}

describe('watchTarget', () => {
  it('hands over a target that is there at once, and null when the app removes it', async () => {
    document.body.innerHTML = '<button id="send">Send</button>';
    const { seen } = watch('#send');
    expect(seen).toEqual([document.getElementById('send')]);
    document.getElementById('send')!.remove();
    await vi.waitFor(() => expect(seen).toEqual([expect.any(HTMLElement), null]));
  });

  it('waits for a late target, also inside an open shadow root', async () => {
    const { seen, missing } = watch('#late');
    expect(seen).toEqual([]);
    const host = document.createElement('app-card');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div><button id="late">Late</button></div>';
    // The root is found on the next check after the page changed.
    document.body.append(document.createElement('p'));
    await vi.waitFor(() => expect(seen).toEqual([shadow.getElementById('late')]));
    expect(missing).not.toHaveBeenCalled();
  });

  it('follows a route change that swaps the target for another', async () => {
    document.body.innerHTML = '<main><button id="send">Old</button></main>';
    const { seen } = watch('#send');
    // An SPA re-renders its view for a new route: a new element with the same id.
    history.pushState(null, '', '#/other');
    document.querySelector('main')!.innerHTML = '<button id="send">New</button>';
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(seen.at(-1)?.textContent).toBe('New'));
    expect(seen.at(-1)!.isConnected).toBe(true);
  });

  it('says once that a target never came, then rests until a route change', async () => {
    const { seen, missing } = watch('#never', 150);
    await vi.waitFor(() => expect(missing).toHaveBeenCalledTimes(1));
    // Resting: page changes do not bring back the work.
    document.body.append(document.createElement('p'));
    expect(seen).toEqual([]);
    // A route change looks again, and the target has come with the new view.
    document.body.innerHTML = '<button id="never">Here now</button>';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.waitFor(() => expect(seen).toEqual([document.getElementById('never')]));
    expect(missing).toHaveBeenCalledTimes(1);
  });

  it('an invalid selector never matches and never throws', async () => {
    const { seen, missing } = watch('##bad[', 50);
    await vi.waitFor(() => expect(missing).toHaveBeenCalledTimes(1));
    expect(seen).toEqual([]);
  });
});
