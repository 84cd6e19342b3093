import { afterEach, beforeEach } from 'vitest';
import type { CheckedTab } from './page-checks.ts';

/**
 * A walk's steps run in order, each starting where the last ended, so after a failure the rest
 * are skipped rather than failing too. After each step, every page any tab loaded must have been
 * checked with axe: a step that left a page unchecked fails, naming it.
 */
export function guardWalk(tabs: () => readonly CheckedTab[]): void {
  let isWalkBroken = false;
  beforeEach((context) => {
    if (isWalkBroken) context.skip('an earlier step of the walk failed');
  });
  afterEach(({ task }) => {
    // A step that failed part-way has its own error; an unchecked page is then no news.
    isWalkBroken ||= task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0;
    if (isWalkBroken) return;
    try {
      for (const tab of tabs()) tab.checks.expectEveryPageChecked();
    } catch (error) {
      isWalkBroken = true;
      throw error;
    }
  });
}
