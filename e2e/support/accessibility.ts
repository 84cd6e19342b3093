import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.2 AA, the standard NHS services must meet. Do not narrow this list to make a page pass. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

export function formatViolations(url: string, violations: readonly Violation[]): string {
  const lines = [`${violations.length} accessibility violation(s) on ${url}:`];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`, `  ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.map((t) => JSON.stringify(t)).join(' > ')}`);
      if (node.failureSummary) lines.push(`      ${node.failureSummary.replace(/\n/g, '\n      ')}`);
    }
  }
  return lines.join('\n');
}

/** Runs axe on the page as it stands and fails with every violation's rule, help and nodes. */
export async function checkAccessibility(page: Page): Promise<void> {
  // A page without frames gets the same rules and results from axe.run inside it ("legacy mode")
  // as from the frame-by-frame run, which also opens a blank page to merge results: twice as slow.
  const hasFrames = page.frames().length > 1;
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(!hasFrames).analyze();
  expect(results.violations, formatViolations(page.url(), results.violations)).toHaveLength(0);
}
