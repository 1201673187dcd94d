import { validateConfig, type ConfigProblem } from '@habitual/core';
import { WIDGET_FIELDS } from '@habitual/widgets/registry';

/**
 * The collector's config check: core's schema plus every widget's part, from the widget
 * registry, so a config it accepts is one every device and widget accepts.
 */
export const validateAppConfig = (config: unknown): ConfigProblem[] => validateConfig(config, WIDGET_FIELDS);
