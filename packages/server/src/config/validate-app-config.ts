import { CONFIG_SCHEMA, validateConfig, validateFields, variantProblems, type ConfigProblem } from '@habitual/core';
import { WIDGET_FIELDS } from '@habitual/widgets/registry';

/**
 * The collector's config check: core's schema plus every widget's part, from the widget
 * registry, so a config it accepts is one every device and widget accepts; and each
 * experiment variant's config as it lays over its widget's (`variantProblems`).
 */
export const validateAppConfig = (config: unknown): ConfigProblem[] => [
  ...validateConfig(config, WIDGET_FIELDS),
  ...variantProblems(config, [...CONFIG_SCHEMA, ...WIDGET_FIELDS], validateFields),
];
