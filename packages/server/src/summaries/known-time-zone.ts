// Zones are few (a few hundred), so the answers are kept; an unknown name is kept too,
// up to a bound, so a flood of made-up names cannot grow the map without end.
const known = new Map<string, boolean>();

/**
 * True when Node's ICU data knows the IANA zone `tz`: the engine and the dashboard format
 * days in it, and a zone they cannot load (`Not/AZone`, `Etc/GMT+14`) would fail every read
 * of the account it is stored in.
 */
export function knownTimeZone(tz: string): boolean {
  const have = known.get(tz);
  if (have !== undefined) return have;
  let ok = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    ok = false;
  }
  if (known.size < 2_000) known.set(tz, ok);
  return ok;
}
