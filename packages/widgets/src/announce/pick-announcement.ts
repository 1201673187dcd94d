import { safeHref, USE_DAYS, type AnnounceItem, type FeatureSpec, type When } from '@habitual/core';

/**
 * Who an item is for: its own `when`, else, when it names a feature, the users who have
 * not used that feature (over the longest window the state carries: telling someone who
 * used it two months ago about it is no news).
 */
export const audienceOf = (item: AnnounceItem): When | undefined => item.when ?? (item.feature ? { notUsed: [item.feature], withinDays: USE_DAYS } : undefined);

/** Its call to action's link: its own, else its feature's; only a safe one. */
export const ctaHref = (item: AnnounceItem, features: Record<string, FeatureSpec> | undefined): string | undefined =>
  safeHref(item.cta?.href ?? (item.feature ? features?.[item.feature]?.href : undefined));

/** The first item for this user: its audience fits, and they have not dismissed it or taken it up. */
export function pickAnnouncement(
  items: readonly AnnounceItem[],
  fits: (when: When | undefined) => boolean,
  over: (id: string) => boolean,
): AnnounceItem | undefined {
  return items.find((item) => !over(item.id) && fits(audienceOf(item)));
}
