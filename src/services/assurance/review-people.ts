import { validate as isUuid } from 'uuid';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import { AppError } from '../../errors.ts';
import { qualifiesToLead } from './assurance-access.ts';
import type { ReviewStage } from './assurance-access.ts';

export interface ReviewPeopleDeps {
  peopleRepository: Pick<PeopleRepository, 'getPerson' | 'listPeopleInOrganisations' | 'listProfiles' | 'listPeopleByIds'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listSubtreeIds'>;
}

export interface PersonChoice {
  id: string;
  displayName: string;
}

/**
 * The people a review can name (its lead, reviewers, owners of answers and actions): active staff
 * of the organisation running it or beneath it. Anyone else is "not someone you can choose", the
 * same message whether or not they exist.
 */
export function createReviewPeople(deps: ReviewPeopleDeps) {
  async function staffOf(organisationId: string): Promise<PersonRow[]> {
    const people = await deps.peopleRepository.listPeopleInOrganisations(await deps.organisationRepository.listSubtreeIds(organisationId));
    return people.filter((p) => p.status === 'active');
  }

  /** The person, when they are active staff of the organisation; an `invalid` error on `field` otherwise. */
  async function requireStaff(organisationId: string, personId: string, field: string, message: string): Promise<PersonRow> {
    const person = isUuid(personId) ? await deps.peopleRepository.getPerson(personId) : undefined;
    const isStaff = person?.status === 'active' && (await deps.organisationRepository.isWithinSubtree(organisationId, person.organisationId));
    if (!person || !isStaff) throw new AppError('invalid', message, [{ field, message }]);
    return person;
  }

  return {
    requireStaff,

    /** Display names of these people (owners named by answers), whoever reads the review. */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      const people = await deps.peopleRepository.listPeopleByIds([...new Set(ids)]);
      return new Map(people.map((p) => [p.id, p.displayName]));
    },

    async choices(organisationId: string): Promise<PersonChoice[]> {
      return (await staffOf(organisationId)).map((p) => ({ id: p.id, displayName: p.displayName }));
    },

    /** Who may lead a review of the stage here: Drivers or Embedders by profile, product leads and admins. */
    async leadChoices(organisationId: string, stage: ReviewStage): Promise<PersonChoice[]> {
      const people = await staffOf(organisationId);
      const archetypes = new Map((await deps.peopleRepository.listProfiles(people.map((p) => p.id))).map((p) => [p.personId, p.archetypes]));
      return people.filter((p) => qualifiesToLead(p.roles, archetypes.get(p.id) ?? [], stage)).map((p) => ({ id: p.id, displayName: p.displayName }));
    },
  };
}

export type ReviewPeople = ReturnType<typeof createReviewPeople>;
