/**
 * A small least-recently-used cache of rendered HTML fragments. Only for content that depends on
 * immutable data (a framework version) and the request's filters, never on who is asking.
 */
export function createFragmentCache(maxEntries: number) {
  const entries = new Map<string, string>();
  return {
    get(key: string, renderFragment: () => string): string {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const fragment = renderFragment();
      entries.set(key, fragment);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return fragment;
    },
  };
}
