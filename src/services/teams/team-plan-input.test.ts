import { describe, expect, it } from 'vitest';
import { computeTeamCoverage } from '../../domain/teams/team-coverage.ts';
import { dartEd } from '../catalogue/framework.fixture.ts';
import type { PlannableResource } from '../journeys/plan-input.ts';
import { buildTeamPlanRequest, explainAssignments } from './team-plan-input.ts';
import type { PlanMember } from './team-plan-input.ts';

const member = (personId: string, self: Record<string, string> = {}, verified: Record<string, string> = {}): PlanMember => ({
  personId,
  name: personId,
  hoursLimit: null,
  archetypesInTeam: ['shaper'],
  levelsByTopic: { self: new Map(Object.entries(self)), verified: new Map(Object.entries(verified)) },
});

const resource = (id: string, minutes: number, outcomes: Array<{ topicId: string; level: string }>, prerequisiteIds: string[] = []): PlannableResource => ({
  id,
  title: id,
  provider: 'p',
  status: 'published',
  sample: false,
  format: 'e-learning',
  durationMinutes: minutes,
  costPence: 0,
  cpdAccredited: false,
  vendorNeutral: true,
  outcomes,
  prerequisiteIds,
});

// a1-01: samd-clinical-governance, familiarity; a1-02: gdpr-for-healthcare-ai, familiarity (Shaper).
describe('buildTeamPlanRequest', () => {
  const members = [member('ann', { 'gdpr-for-healthcare-ai': 'familiarity', 'samd-clinical-governance': 'awareness' }), member('bo')];

  it('takes a member to meet a requirement when the resource brings their level up to it, on the chosen basis', () => {
    const coverage = computeTeamCoverage(dartEd, { members, basis: 'self', k: 2 });
    const resources = [resource('samd', 30, [{ topicId: 'samd-clinical-governance', level: 'familiarity' }]), resource('low', 10, [{ topicId: 'samd-clinical-governance', level: 'awareness' }])];
    const request = buildTeamPlanRequest(dartEd, coverage, members, 'self', resources);
    const a101 = request.requirements.find((r) => r.id === 'a1-01');
    expect(a101).toMatchObject({ shortfall: 2, candidates: ['ann', 'bo'] });
    // Ann holds a1-02, so only Bo is a candidate for it.
    expect(request.requirements.find((r) => r.id === 'a1-02')).toMatchObject({ shortfall: 1, candidates: ['bo'] });
    expect(request.resources.find((r) => r.id === 'samd')?.closes).toEqual({ ann: ['a1-01'], bo: ['a1-01'] });
    // Awareness is below the requirement's familiarity: it closes nothing.
    expect(request.resources.find((r) => r.id === 'low')?.closes).toEqual({});
    // On the verified basis Ann holds nothing, so she is a candidate for a1-02 too.
    const verified = computeTeamCoverage(dartEd, { members, basis: 'verified', k: 1 });
    expect(buildTeamPlanRequest(dartEd, verified, members, 'verified', resources).requirements.find((r) => r.id === 'a1-02')?.candidates).toEqual(['ann', 'bo']);
  });

  it('explains first and extra holders, and prerequisites by what they come before', () => {
    const coverage = computeTeamCoverage(dartEd, { members, basis: 'self', k: 2 });
    const resources = [
      resource('basics', 20, [{ topicId: 'ai-definitions', level: 'awareness' }]),
      resource('samd', 30, [{ topicId: 'samd-clinical-governance', level: 'familiarity' }], ['basics']),
      resource('gdpr', 25, [{ topicId: 'gdpr-for-healthcare-ai', level: 'familiarity' }]),
    ];
    const request = buildTeamPlanRequest(dartEd, coverage, members, 'self', resources);
    const byId = new Map(resources.map((r) => [r.id, r]));
    const explained = explainAssignments(request, coverage, [
      { memberId: 'ann', resourceIds: ['basics', 'samd'], closes: ['a1-01'] },
      { memberId: 'bo', resourceIds: ['basics', 'samd', 'gdpr'], closes: ['a1-01', 'a1-02'] },
    ], byId);
    expect(explained.get('ann')?.map((r) => r.reason)).toEqual(['needed before ‘samd’', 'covers 1 requirement nobody in the team meets']);
    expect(explained.get('bo')?.map((r) => r.reason)).toEqual(['needed before ‘samd’', 'gives a second holder for 1 requirement', 'gives a second holder for 1 requirement']);
  });
});
