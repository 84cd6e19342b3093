import { createPeopleRepository } from '../../src/db/people.repository.ts';
import type { PlatformRole } from '../../src/domain/people/platform-roles.ts';
import type { Viewer } from '../../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson } from './people-fixtures.ts';
import { TRI_X, viewerOf } from './product-fixtures.ts';
import type { TestHub } from './test-hub.ts';

export type CastMember = 'productLead' | 'driver' | 'embedder' | 'reviewer' | 'staff' | 'admin' | 'outsider' | 'outsiderAdmin';

export interface AssuranceCast {
  trustId: string;
  otherTrustId: string;
  productId: string;
  viewers: Record<CastMember, Viewer>;
  emails: Record<CastMember, string>;
}

/**
 * The people of an assurance review: a trust with a product lead who registered tri-X, a Driver
 * and an Embedder (by their profiles' archetypes), a reviewer, plain staff and an admin; and in
 * another trust an AI product lead and an admin who must never see the trust's reviews.
 */
export async function createAssuranceCast(hub: Pick<TestHub, 'services' | 'database'>): Promise<AssuranceCast> {
  const { trust, otherTrust } = await createTestOrganisations(hub);
  const cast: Array<[CastMember, string, PlatformRole[], string[]]> = [
    ['productLead', trust.id, ['learner', 'product-lead'], []],
    ['driver', trust.id, ['learner'], ['driver']],
    ['embedder', trust.id, ['learner'], ['embedder', 'user']],
    ['reviewer', trust.id, ['learner'], ['user']],
    ['staff', trust.id, ['learner'], ['user']],
    ['admin', trust.id, ['learner', 'organisation-admin'], []],
    ['outsider', otherTrust.id, ['learner', 'product-lead'], ['driver']],
    ['outsiderAdmin', otherTrust.id, ['learner', 'organisation-admin'], []],
  ];
  const people = createPeopleRepository(hub.database.db);
  const viewers = {} as Record<CastMember, Viewer>;
  const emails = {} as Record<CastMember, string>;
  for (const [member, organisationId, roles, archetypes] of cast) {
    const person = await createTestPerson(hub, { organisationId, roles, name: `${member} ${organisationId.slice(0, 4)}` });
    if (archetypes.length > 0) await people.saveProfile({ personId: person.id, organisationId, archetypes });
    viewers[member] = viewerOf(person);
    emails[member] = person.email;
  }
  const product = await hub.services.products.registerProduct({ viewer: viewers.productLead, input: TRI_X });
  return { trustId: trust.id, otherTrustId: otherTrust.id, productId: product.id, viewers, emails };
}
