import type { WidgetHost } from '@habitual/core';

// The collector's display-name rule (server http/identity-schema.ts): letters, digits, spaces,
// apostrophes and hyphens, at most 60. A name that fails it is left out, not sent: the
// collector would refuse the whole request.
const NAME = /^[\p{L}\p{M}\p{N} '-]{1,60}$/u;

/** The user's name as others may see it on a share or a team note (`user.traits.name`), when the collector takes it. */
export function displayNameOf(host: WidgetHost): string | undefined {
  const name = host.user()?.traits?.name;
  return typeof name === 'string' && NAME.test(name.trim()) ? name.trim() : undefined;
}
