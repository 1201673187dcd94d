import { safeHref, type FeatureSpec } from '@habitual/core';

/** One shortcut: a feature and the link to it. */
export interface Shortcut {
  feature: string;
  href: string;
  pinned: boolean;
}

/**
 * The shortcuts to show: the user's pins first (in the order pinned), then the most used
 * features this month (`state.topFeatures`, most first) up to `limit`. Only configured
 * features with a safe `href` make a shortcut: one without a link has nowhere to go, so it
 * is skipped (pinned or not). `rest` is every other linked feature, for pinning.
 */
export function pickShortcuts(
  features: Record<string, FeatureSpec>,
  top: readonly string[],
  pins: readonly string[],
  limit: number,
): { shown: Shortcut[]; rest: Shortcut[] } {
  const link = (feature: string, pinned: boolean): Shortcut[] => {
    const href = Object.hasOwn(features, feature) ? safeHref(features[feature]?.href) : undefined;
    return href ? [{ feature, href, pinned }] : [];
  };
  const pinned = pins.flatMap((f) => link(f, true));
  const used = top
    .filter((f) => !pins.includes(f))
    .flatMap((f) => link(f, false))
    .slice(0, limit);
  const shown = [...pinned, ...used];
  const rest = Object.keys(features)
    .filter((f) => !shown.some((s) => s.feature === f))
    .flatMap((f) => link(f, false));
  return { shown, rest };
}
