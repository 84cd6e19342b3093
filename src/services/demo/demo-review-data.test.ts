import { describe, expect, it } from 'vitest';
import { qualifiesToLead } from '../assurance/assurance-access.ts';
import { DEMO_ORGANISATIONS, DEMO_PEOPLE } from './demo-dataset.ts';
import { DEMO_REVIEWS } from './demo-review-data.ts';

describe('demo assurance reviews', () => {
  const person = (key: string) => DEMO_PEOPLE.find((p) => p.key === key);

  it('name only demo people and organisations', () => {
    for (const r of DEMO_REVIEWS) {
      const keys = [r.startedBy, r.lead, ...r.reviewers, ...r.answers.flatMap((a) => (a.owner ? [a.owner] : [])), ...(r.decision ? [r.decision.by, ...r.decision.conditions.flatMap((c) => [c.owner, ...(c.doneBy ? [c.doneBy] : [])])] : [])];
      for (const key of keys) expect(person(key), key).toBeDefined();
      if (r.deploymentOrganisation) expect(DEMO_ORGANISATIONS.map((o) => o.key)).toContain(r.deploymentOrganisation);
    }
  });

  it('are led by a Driver (procurement) or an Embedder (deployment)', () => {
    for (const r of DEMO_REVIEWS) {
      const lead = person(r.lead);
      expect(qualifiesToLead([], lead?.archetypes ?? [], r.stage), `${r.lead} leading ${r.stage}`).toBe(true);
    }
  });

  it('judge only in reviews answered by reviewers: the supplier gives responses, not judgements', () => {
    for (const r of DEMO_REVIEWS.filter((x) => x.answeredBySupplier)) expect(r.answers.every((a) => a.judgement === undefined)).toBe(true);
  });
});
