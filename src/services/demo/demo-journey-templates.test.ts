import { describe, expect, it } from 'vitest';
import { DEMO_RESOURCES } from './demo-catalogue.ts';
import { DEMO_TEMPLATES } from './demo-journey-templates.ts';

describe('demo journey templates', () => {
  const byTitle = new Map(DEMO_RESOURCES.map((r) => [r.title, r]));
  const byKey = new Map(DEMO_RESOURCES.map((r) => [r.key, r]));

  it('name only published demo resources, and hold every prerequisite of what they hold', () => {
    for (const template of DEMO_TEMPLATES) {
      for (const title of template.resourceTitles) {
        const resource = byTitle.get(title);
        expect(resource?.status, `${template.title}: ${title}`).toBe('published');
        for (const key of resource!.prerequisites) expect(template.resourceTitles, `${title} needs ${key}`).toContain(byKey.get(key)!.title);
      }
    }
  });
});
