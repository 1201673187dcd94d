import { registerConfigFields, type HabitualConfig, type HabitualInstance } from '@habitual/core';
import { mount } from '@habitual/widgets';
import { WIDGET_FIELDS } from '@habitual/widgets/registry';
import { sampleInstance } from './sample-instance';
import { SAMPLES, type Sample } from './samples';

// Entry of dist/admin-preview.js, the page /admin/preview that the config editor frames: the
// real widgets over a sample user's state, for the config the editor sends by postMessage.
registerConfigFields(WIDGET_FIELDS);

let current: { instance: HabitualInstance; unmount(): void } | undefined;
let latest = 0;

async function show(config: HabitualConfig, sample: Sample) {
  const mine = ++latest;
  const instance = await sampleInstance(config, sample);
  // A newer message arrived while this one was being built: it wins.
  if (mine !== latest) return void instance.destroy();
  current?.unmount();
  void current?.instance.destroy();
  current = { instance, ...mount(instance) };
  document.body.dataset.shown = `${sample}:${mine}`;
}

addEventListener('message', (e: MessageEvent) => {
  // Only the dashboard on this origin drives the preview.
  if (e.origin !== location.origin || e.source !== parent) return;
  const { config, sample } = (e.data ?? {}) as { config?: HabitualConfig; sample?: Sample };
  if (!config || typeof config !== 'object' || !sample || !(sample in SAMPLES)) return;
  show(config, sample).catch((error) => {
    document.body.dataset.error = String((error as Error).message);
  });
});
parent.postMessage({ previewReady: true }, location.origin);
