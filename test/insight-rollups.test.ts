import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { knowledgeTopics } from './support/verification-fixtures.ts';

type Row = Record<string, unknown>;
const DIMS = sql`archetypes, professional_group, setting, clinical_decision_making, organisation_kind, counted, synthetic`;

describe.each(databaseTargets())('insight dimensions and rollups on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(async () => hub?.close());

  const rows = async (query: SQL) => ((await hub.database.db.execute(query)) as unknown as { rows: Row[] }).rows;
  const viewerOf = (person: { id: string; organisationId: string }): Viewer => ({ personId: person.id, organisationId: person.organisationId, displayName: '', email: '', roles: ['learner'] });

  it('keeps every contribution row carrying the person’s current dimensions', async () => {
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id });
    const dims = async () => rows(sql`select ${DIMS} from insight_person_dims where person_id = ${person.id}`);
    expect(await dims()).toEqual([{ archetypes: [], professional_group: null, setting: null, clinical_decision_making: false, organisation_kind: 'trust', counted: true, synthetic: false }]);

    const [topic] = knowledgeTopics(hub, 1);
    await hub.services.selfAssessment.rateTopics({ viewer: viewerOf(person), ratings: { [topic!]: 'awareness' } });
    await hub.services.profiles.updateProfile({ viewer: viewerOf(person), archetypes: ['user', 'driver'], professionalGroup: 'pharmacy', setting: 'acute', clinicalDecisionMaking: true });
    const wanted = { archetypes: ['driver', 'user'], professional_group: 'pharmacy', setting: 'acute', clinical_decision_making: true, organisation_kind: 'trust', counted: true, synthetic: false };
    expect(await dims()).toEqual([wanted]);
    const level = async () => rows(sql`select ${DIMS} from current_topic_levels where person_id = ${person.id}`);
    expect(await level()).toEqual([wanted]);

    // A row written with only key and measure columns takes the dimensions.
    await hub.database.db.execute(sql`insert into person_journey_progress (organisation_id, person_id, framework_id, has_journey) values (${trust.id}, ${person.id}, 'f', 1)`);
    expect(await rows(sql`select ${DIMS} from person_journey_progress where person_id = ${person.id}`)).toEqual([wanted]);

    await hub.database.db.execute(sql`update people set status = 'disabled', synthetic = true where id = ${person.id}`);
    const disabled = { ...wanted, counted: false, synthetic: true };
    expect(await dims()).toEqual([disabled]);
    expect(await level()).toEqual([disabled]);
    expect(await rows(sql`select ${DIMS} from person_journey_progress where person_id = ${person.id}`)).toEqual([disabled]);
  });
});
