/**
 * Where a unit (a user id, or a device id while anonymous) falls in experiment `id`, in
 * [0, 1): FNV-1a over both, so the same user lands in the same place on every device and
 * every reload, and two experiments split users independently of each other.
 */
export function bucketOf(unit: string, id: string): number {
  const s = `${id}\n${unit}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // FNV's low bits mix poorly for short inputs: fold the high half in before scaling.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}
