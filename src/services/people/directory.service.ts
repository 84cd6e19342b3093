import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import type { OutboxRepository, OutboxRow } from '../../db/outbox.repository.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import type { SupervisionRepository, SupervisionRow } from '../../db/supervision.repository.ts';
import { pageSlice, PEOPLE_PAGE_SIZE } from '../../domain/paging/page-slice.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from './access-policy.ts';

/** The outbox page shows this many of the most recent messages. */
export const OUTBOX_SHOWN = 100;

export interface PersonName {
  id: string;
  displayName: string;
}

export interface OrganisationTreeEntry {
  organisation: OrganisationRow;
  depth: number;
  /** People directly in this organisation, and in it with everything beneath it. */
  people: number;
  peopleIncludingBeneath: number;
}

export interface CurrentSupervision {
  supervision: SupervisionRow;
  supervisor: PersonName;
}

export interface DirectoryServiceDeps {
  peopleRepository: Pick<PeopleRepository, 'getPerson' | 'listPeopleByIds' | 'listPeopleInOrganisations' | 'listPeopleInOrganisationPage' | 'countPeopleByOrganisation'>;
  organisationRepository: Pick<OrganisationRepository, 'listSubtree' | 'listSubtreeIds' | 'listAncestry'>;
  supervisionRepository: Pick<SupervisionRepository, 'listCurrentByLearners' | 'listCurrentBySupervisor'>;
  outboxRepository: Pick<OutboxRepository, 'listRecentMessages' | 'getMessage'>;
  access: Pick<AccessPolicy, 'administeredRootId' | 'assertCanAdministerOrganisation' | 'assertCanSeePerson' | 'canAdministerPerson' | 'listSupervisedPeople'>;
}

const nameOf = (person: PersonRow): PersonName => ({ id: person.id, displayName: person.displayName });

/** Read models for the organisation, person and account pages: what each viewer may see, nothing more. */
export function createDirectoryService(deps: DirectoryServiceDeps) {
  const { peopleRepository: people, organisationRepository: organisations, supervisionRepository: supervisions, access } = deps;

  /** Each learner's current supervisors, with names, in one pass over the table. */
  async function supervisorsOf(learnerIds: string[]): Promise<Map<string, CurrentSupervision[]>> {
    const current = await supervisions.listCurrentByLearners(learnerIds);
    const names = new Map((await people.listPeopleByIds([...new Set(current.map((s) => s.supervisorId))])).map((p) => [p.id, nameOf(p)]));
    const byLearner = new Map<string, CurrentSupervision[]>();
    for (const supervision of current) {
      const supervisor = names.get(supervision.supervisorId);
      if (supervisor) byLearner.set(supervision.learnerId, [...(byLearner.get(supervision.learnerId) ?? []), { supervision, supervisor }]);
    }
    return byLearner;
  }

  /** An organisation the viewer administers: the one asked for, or by default the top of their subtree. */
  async function administeredOrganisation(viewer: Viewer, organisationId?: string): Promise<OrganisationRow> {
    const id = organisationId ?? (await access.administeredRootId(viewer)) ?? viewer.organisationId;
    return access.assertCanAdministerOrganisation(viewer, id);
  }

  /** The path from the top of the tree down to (and including) an organisation. */
  const pathTo = async (organisationId: string) => (await organisations.listAncestry(organisationId)).reverse();

  return {
    administeredOrganisation: ({ viewer, organisationId }: { viewer: Viewer; organisationId?: string }) => administeredOrganisation(viewer, organisationId),

    /** The tree beneath an organisation with its head counts, and one page of the people directly in it. */
    async getOrganisationOverview({ viewer, organisationId, page = 1 }: { viewer: Viewer; organisationId?: string; page?: number }) {
      const organisation = await administeredOrganisation(viewer, organisationId);
      const subtree = await organisations.listSubtree(organisation.id);
      const counts = await people.countPeopleByOrganisation(subtree.map((o) => o.id));
      const tree: OrganisationTreeEntry[] = subtree.map(({ depth, ...row }) => {
        const direct = counts.get(row.id) ?? 0;
        return { organisation: row, depth, people: direct, peopleIncludingBeneath: direct };
      });
      // The list is depth first, so walking it backwards finishes every child before its parent.
      const entries = new Map(tree.map((entry) => [entry.organisation.id, entry]));
      for (const entry of [...tree].reverse()) {
        const parent = entry.depth > 0 && entry.organisation.parentId ? entries.get(entry.organisation.parentId) : undefined;
        if (parent) parent.peopleIncludingBeneath += entry.peopleIncludingBeneath;
      }
      // The head count is the COUNT the tree already has; only the page's rows are read.
      const peoplePage = pageSlice(page, counts.get(organisation.id) ?? 0, PEOPLE_PAGE_SIZE);
      const members = await people.listPeopleInOrganisationPage(organisation.id, { limit: peoplePage.pageSize, offset: peoplePage.offset });
      const supervisors = await supervisorsOf(members.map((p) => p.id));
      const rootId = await access.administeredRootId(viewer);
      return {
        organisation,
        path: await pathTo(organisation.id),
        /** Whether the parent is also the viewer's to administer (so the page can link up to it). */
        canGoUp: organisation.parentId !== null && organisation.id !== rootId,
        tree,
        people: members.map((person) => ({ person, supervisors: supervisors.get(person.id) ?? [] })),
        peoplePage,
      };
    },

    /** Organisations the viewer may invite people into or add organisations beneath, depth first. */
    async listAdministeredOrganisations({ viewer }: { viewer: Viewer }) {
      const root = await administeredOrganisation(viewer);
      return organisations.listSubtree(root.id);
    },

    /** People in an organisation and everything beneath it (for admins; the API's people list). */
    async listOrganisationPeople({ viewer, organisationId }: { viewer: Viewer; organisationId: string }) {
      const organisation = await access.assertCanAdministerOrganisation(viewer, organisationId);
      return { organisation, people: await people.listPeopleInOrganisations(await organisations.listSubtreeIds(organisation.id)) };
    },

    async getPersonDetails({ viewer, personId }: { viewer: Viewer; personId: string }) {
      const person = await access.assertCanSeePerson(viewer, personId);
      const canAdminister = await access.canAdministerPerson(viewer, person);
      // Whom someone supervises is the admins' business, not their fellow supervisees'.
      const supervised = canAdminister ? await people.listPeopleByIds((await supervisions.listCurrentBySupervisor(person.id)).map((s) => s.learnerId)) : [];
      return {
        person,
        path: await pathTo(person.organisationId),
        supervisors: (await supervisorsOf([person.id])).get(person.id) ?? [],
        supervises: supervised.map(nameOf),
        canAdminister,
      };
    },

    /** The signed-in person's own details, where they sit, and who supervises them. */
    async getAccountSummary({ viewer }: { viewer: Viewer }) {
      const person = await people.getPerson(viewer.personId);
      if (!person) throw new AppError('unauthenticated', 'Sign in to continue.');
      return {
        person,
        path: await pathTo(person.organisationId),
        supervisors: (await supervisorsOf([person.id])).get(person.id) ?? [],
        supervises: (await access.listSupervisedPeople(viewer)).map(nameOf),
      };
    },

    /** Messages the hub has "sent" for an organisation and everything beneath it, newest first. */
    async listOutbox({ viewer, organisationId }: { viewer: Viewer; organisationId?: string }): Promise<{ organisation: OrganisationRow; messages: OutboxRow[] }> {
      const organisation = await administeredOrganisation(viewer, organisationId);
      const messages = await deps.outboxRepository.listRecentMessages(await organisations.listSubtreeIds(organisation.id), OUTBOX_SHOWN);
      return { organisation, messages };
    },

    /** One message, for admins of the organisation it was sent for; any other id is "not found", so ids cannot be probed. */
    async getOutboxMessage({ viewer, messageId }: { viewer: Viewer; messageId: string }): Promise<OutboxRow> {
      const notFound = () => new AppError('not_found', 'There is no such message, or you cannot see it.');
      const message = await deps.outboxRepository.getMessage(messageId);
      if (!message) throw notFound();
      await access.assertCanAdministerOrganisation(viewer, message.organisationId).catch((error: unknown) => {
        throw error instanceof AppError ? notFound() : error;
      });
      return message;
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
