import type { Database } from '../../db/client.ts';
import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import type { SupervisionRepository } from '../../db/supervision.repository.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';

export interface AccessPolicyDeps {
  peopleRepository: Pick<PeopleRepository, 'getPerson' | 'listPeopleByIds' | 'listPeopleInOrganisations'>;
  organisationRepository: Pick<OrganisationRepository, 'getOrganisation' | 'isWithinSubtree' | 'listSubtreeIds' | 'listAncestry'>;
  supervisionRepository: Pick<SupervisionRepository, 'isCurrentSupervisor' | 'listCurrentBySupervisor'>;
}

/** Unknown and invisible people get the same answer, so guessing ids reveals nothing. */
const personNotFound = () => new AppError('not_found', 'There is no such person, or you cannot see them.');
const organisationNotFound = () => new AppError('not_found', 'There is no such organisation, or you do not administer it.');

const isPlatformAdmin = (viewer: Viewer) => viewer.roles.includes('platform-admin');
const isOrganisationAdmin = (viewer: Viewer) => viewer.roles.includes('organisation-admin') || isPlatformAdmin(viewer);

/**
 * The one place that decides who may see or act on whom. A viewer sees themselves, the people they
 * currently supervise, and everyone in the subtree of the organisation they administer; platform
 * admins see everyone. Only platform roles count: archetypes never grant anything.
 */
export function createAccessPolicy(deps: AccessPolicyDeps) {
  const { peopleRepository: people, organisationRepository: organisations, supervisionRepository: supervisions } = deps;

  async function administersOrganisation(viewer: Viewer, organisationId: string, tx?: Database): Promise<boolean> {
    if (isPlatformAdmin(viewer)) return true;
    if (!isOrganisationAdmin(viewer)) return false;
    return organisations.isWithinSubtree(viewer.organisationId, organisationId, tx);
  }

  async function canSee(viewer: Viewer, person: PersonRow, tx?: Database): Promise<boolean> {
    if (person.id === viewer.personId) return true;
    if (await administersOrganisation(viewer, person.organisationId, tx)) return true;
    return supervisions.isCurrentSupervisor(viewer.personId, person.id, tx);
  }

  /**
   * The organisation whose subtree the viewer administers: their own, or for a platform admin the
   * root of their tree (the whole hub in a national deployment).
   */
  async function administeredRootId(viewer: Viewer): Promise<string | undefined> {
    if (!isOrganisationAdmin(viewer)) return undefined;
    if (!isPlatformAdmin(viewer)) return viewer.organisationId;
    return (await organisations.listAncestry(viewer.organisationId)).at(-1)?.id;
  }

  return {
    administeredRootId,

    /** The person, when the viewer may see them; anyone else is "not found". */
    async assertCanSeePerson(viewer: Viewer, personId: string, tx?: Database): Promise<PersonRow> {
      const person = await people.getPerson(personId, tx);
      if (!person || !(await canSee(viewer, person, tx))) throw personNotFound();
      return person;
    },

    /**
     * The person, when the viewer supervises them now (never themselves). Administering their
     * organisation is not enough: an admin may reassign the supervisor, not act as one (R7's focus
     * is agreed between a person and their supervisor). Admins who can see the person are refused
     * (forbidden); anyone else gets "not found".
     */
    async assertCanSupervise(viewer: Viewer, personId: string, tx?: Database): Promise<PersonRow> {
      const person = await people.getPerson(personId, tx);
      if (!person) throw personNotFound();
      // Nobody supervises (verifies) themselves, admins included.
      if (person.id === viewer.personId) throw new AppError('forbidden', 'Only your supervisor can do this.');
      if (await supervisions.isCurrentSupervisor(viewer.personId, person.id, tx)) return person;
      if (await canSee(viewer, person, tx)) throw new AppError('forbidden', 'Only this person’s supervisor can do this. As an organisation admin you can change who supervises them.');
      throw personNotFound();
    },

    /** The person, when the viewer administers their organisation (admins may change roles and supervisors). */
    async assertCanAdministerPerson(viewer: Viewer, personId: string, tx?: Database): Promise<PersonRow> {
      const person = await people.getPerson(personId, tx);
      if (!person || !(await canSee(viewer, person, tx))) throw personNotFound();
      if (!(await administersOrganisation(viewer, person.organisationId, tx))) {
        throw new AppError('forbidden', 'Only an organisation admin can change this.');
      }
      return person;
    },

    /** The organisation, when the viewer administers it (or an organisation above it). */
    async assertCanAdministerOrganisation(viewer: Viewer, organisationId: string, tx?: Database): Promise<OrganisationRow> {
      if (!isOrganisationAdmin(viewer)) throw new AppError('forbidden', 'Only organisation admins can do this.');
      const organisation = await organisations.getOrganisation(organisationId, tx);
      if (!organisation || !(await administersOrganisation(viewer, organisationId, tx))) throw organisationNotFound();
      return organisation;
    },

    /** Whether the viewer may see this person (for saying what only they may know, such as that an address has an account). */
    canSeePerson: (viewer: Viewer, person: PersonRow) => canSee(viewer, person),

    /** Whether the viewer may administer this person; for showing or hiding admin forms. */
    canAdministerPerson: (viewer: Viewer, person: Pick<PersonRow, 'organisationId'>) => administersOrganisation(viewer, person.organisationId),

    /** The people the viewer currently supervises, by name. */
    async listSupervisedPeople(viewer: Viewer): Promise<PersonRow[]> {
      const current = await supervisions.listCurrentBySupervisor(viewer.personId);
      return people.listPeopleByIds([...new Set(current.map((s) => s.learnerId))]);
    },

    /** Everyone the viewer may see, by name. For an admin high in the tree this is large: prefer paging by organisation. */
    async listVisiblePeople(viewer: Viewer): Promise<PersonRow[]> {
      const rootId = await administeredRootId(viewer);
      const administered = rootId ? await people.listPeopleInOrganisations(await organisations.listSubtreeIds(rootId)) : [];
      const supervised = await supervisions.listCurrentBySupervisor(viewer.personId);
      const known = new Set(administered.map((p) => p.id));
      const others = [viewer.personId, ...supervised.map((s) => s.learnerId)].filter((id) => !known.has(id));
      const rest = await people.listPeopleByIds([...new Set(others)]);
      return [...administered, ...rest].sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
  };
}

export type AccessPolicy = ReturnType<typeof createAccessPolicy>;
