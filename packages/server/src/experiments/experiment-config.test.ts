import { describe, expect, it } from 'vitest';
import { WIDGET_IDS } from '@habitual/widgets/registry';
import { validateAppConfig } from '../config/validate-app-config';

describe('experiments in the config', () => {
  it("are checked with the widgets' fields: holdouts, the widget named, each variant's config over its widget's", () => {
    const problems = validateAppConfig({
      widgets: { digest: { enabled: true, holdout: 0.9 } },
      experiments: [
        { id: 'digest-time', widget: 'digest', variants: [{ id: 'first' }, { id: 'morning', config: { at: '8 am' } }] },
        { id: 'x', widget: 'launcher', variants: [{ id: 'a' }] },
      ],
    });
    expect(problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      'widgets.digest.holdout must be a finite number >= 0 and <= 0.5 (got 0.9)',
      // Every widget in the registry, in its order (each new widget joins the list).
      `experiments.1.widget must be one of ${WIDGET_IDS.map((id) => `'${id}'`).join(', ')} (got "launcher")`,
      "experiments.0.variants.1.config.at must be an 'HH:MM' time, e.g. '08:30' (got \"8 am\")",
    ]);
  });
});
