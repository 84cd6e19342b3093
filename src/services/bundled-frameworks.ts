import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrameworkService, LoadResult } from './framework.service.ts';

export const BUNDLED_FRAMEWORKS_DIR = fileURLToPath(new URL('../../frameworks', import.meta.url));
export const DEFAULT_FRAMEWORK_ID = 'dart-ed-2022';

/** Loads every canonical document shipped in `frameworks/`; already-loaded ones are no-ops. */
export async function loadBundledFrameworks(frameworks: FrameworkService, dir = BUNDLED_FRAMEWORKS_DIR): Promise<LoadResult[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const results: LoadResult[] = [];
  for (const file of files) {
    const content = await readFile(path.join(dir, file), 'utf8');
    results.push(await frameworks.importFramework({ content, format: 'json' }));
  }
  return results;
}
