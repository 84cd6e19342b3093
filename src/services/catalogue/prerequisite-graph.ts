/**
 * Prerequisites must never loop ("take A before B before A"): a journey could never start. The
 * graph maps each resource id to the ids it needs first.
 */

/**
 * A cycle reachable from `starts`, as the ids along it ending where it began (["a", "b", "a"]);
 * undefined when there is none. Iterative, so long chains cannot overflow the stack.
 */
export function findPrerequisiteCycle(links: ReadonlyMap<string, readonly string[]>, starts: Iterable<string>): string[] | undefined {
  const done = new Set<string>();
  for (const start of starts) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    path.push(start);
    onPath.add(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const needs = links.get(frame.id) ?? [];
      if (frame.next < needs.length) {
        const child = needs[frame.next]!;
        frame.next += 1;
        if (onPath.has(child)) return [...path.slice(path.indexOf(child)), child];
        if (done.has(child)) continue;
        stack.push({ id: child, next: 0 });
        path.push(child);
        onPath.add(child);
      } else {
        stack.pop();
        path.pop();
        onPath.delete(frame.id);
        done.add(frame.id);
      }
    }
  }
  return undefined;
}

/** Links read from the database with some resources' links replaced by their new ones. */
export function withReplacedLinks(
  stored: ReadonlyArray<{ resourceId: string; prerequisiteId: string }>,
  replaced: ReadonlyMap<string, readonly string[]>,
): Map<string, string[]> {
  const links = new Map<string, string[]>();
  for (const { resourceId, prerequisiteId } of stored) {
    if (replaced.has(resourceId)) continue;
    links.set(resourceId, [...(links.get(resourceId) ?? []), prerequisiteId]);
  }
  for (const [resourceId, prerequisiteIds] of replaced) links.set(resourceId, [...prerequisiteIds]);
  return links;
}
