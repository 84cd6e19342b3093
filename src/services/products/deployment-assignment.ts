import { validate as isUuid } from 'uuid';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import type { DeploymentRecord, ProductRepository } from '../../db/product.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ProductAccess } from './product-access.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import { deploymentNotFound } from './product-access.ts';
import { parseInput } from './product-input.ts';
import type { TrainingClock } from './training-clock.ts';
import type { TellUser } from './training-notices.ts';
import { DUE_DATE } from './training-notices.ts';

/**
 * Linking people to a deployment and unlinking them: one at a time, or in bulk (issue 11): everyone in an
 * organisation or team (and optionally those beneath it), or a pasted list of e-mail addresses.
 * A list is all or nothing: one line that names nobody assignable refuses the whole list, with a
 * message per line, so a lead never has to work out which half went in.
 */

export const MAX_BULK_LINES = 2000;

export const bulkAssignInputSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('organisation'), organisationId: z.string().trim().min(1, 'Choose an organisation or team'), includeBeneath: z.boolean().default(false) }),
  z.object({ by: z.literal('emails'), emails: z.string().max(200_000, 'Paste fewer addresses at a time').refine((text) => text.trim() !== '', 'Enter at least one e-mail address') }),
], { error: 'Choose how to find the people to assign' });

export interface BulkAssignResult {
  assigned: number;
  alreadyAssigned: number;
}

export interface DeploymentAssignmentDeps {
  db: Database;
  productRepository: Pick<ProductRepository, 'listDeploymentUsers' | 'insertDeploymentUser' | 'findDeployment' | 'unlinkDeploymentUser'>;
  peopleRepository: Pick<PeopleRepository, 'listPeopleInOrganisations' | 'findPeopleByEmail' | 'getPerson'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listSubtreeIds'>;
  access: Pick<ProductAccess, 'managedDeployment' | 'mayManageIn'>;
  clock: Pick<TrainingClock, 'dueByFor'>;
  tellUser: TellUser;
  audit: AuditLog;
  now: () => Date;
  /** Keeps workforce insight's training currency and Table 2 standing current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshProductUse'> | undefined;
}

type Assignee = Pick<PersonRow, 'id' | 'organisationId' | 'email' | 'displayName'>;

export function createDeploymentAssignment(deps: DeploymentAssignmentDeps) {
  const { now, tellUser } = deps;
  const repo = deps.productRepository;
  const organisations = deps.organisationRepository;
  const { mayManageIn } = deps.access;
  const record = (viewer: Viewer, organisationId: string, subjectId: string, action: string, detail: object, tx: Database) => deps.audit.record({ organisationId, actorId: viewer.personId, subjectId, action, detail }, tx);

  /**
   * Links people (none of them linked already) in the caller's transaction, each due by what the
   * training clock says, and tells those a lead assigned.
   */
  async function assignPeople(tx: Database, viewer: Viewer, deployment: DeploymentRecord, people: readonly Assignee[], source: 'self' | 'assigned'): Promise<void> {
    const at = now();
    const dueBy = await deps.clock.dueByFor(deployment, at, tx);
    const message =
      dueBy === null
        ? `You have been assigned to use ${deployment.productName}. Its training is not published yet: you will be told when it is, and by when to complete it.`
        : `You have been assigned to use ${deployment.productName}: complete its training by ${DUE_DATE.format(dueBy)}, before you rely on it.`;
    for (const person of people) {
      await deps.productRepository.insertDeploymentUser({ organisationId: person.organisationId, deploymentId: deployment.id, personId: person.id, source, linkedBy: viewer.personId, linkedAt: at, dueBy }, tx);
      if (source === 'assigned') await tellUser(tx, { organisationId: person.organisationId, personId: person.id, email: person.email, displayName: person.displayName }, `Training to complete: ${deployment.productName}`, message);
      await deps.audit.record({ organisationId: deployment.organisationId, actorId: viewer.personId, subjectId: person.id, action: 'deployment.user-linked', detail: { deploymentId: deployment.id, source } }, tx);
    }
    await deps.contributions?.refreshProductUse(tx, people.map((p) => p.id));
  }

  /** The active people an organisation-or-team choice names, after checking it lies where the product is deployed. */
  async function peopleOfOrganisation(deployment: DeploymentRecord, organisationId: string, includeBeneath: boolean): Promise<PersonRow[]> {
    if (!isUuid(organisationId) || !(await deps.organisationRepository.isWithinSubtree(deployment.organisationId, organisationId))) {
      throw new AppError('invalid', 'Choose where the people work.', [{ field: 'organisationId', message: `Choose ${deployment.organisationName} or an organisation or team within it` }]);
    }
    const ids = includeBeneath ? await deps.organisationRepository.listSubtreeIds(organisationId) : [organisationId];
    return (await deps.peopleRepository.listPeopleInOrganisations(ids)).filter((p) => p.status === 'active');
  }

  /** The address's active account in the deployment's organisation or beneath (an address has one per organisation). */
  async function activeAccountHere(deployment: DeploymentRecord, email: string): Promise<PersonRow | undefined> {
    for (const person of await deps.peopleRepository.findPeopleByEmail(email)) {
      if (person.status === 'active' && (await deps.organisationRepository.isWithinSubtree(deployment.organisationId, person.organisationId))) return person;
    }
    return undefined;
  }

  /** Each line's person, or a message per line that names nobody assignable; duplicates count once. */
  async function peopleOfList(deployment: DeploymentRecord, text: string): Promise<PersonRow[]> {
    const lines = text.split(/\r?\n/).map((line, i) => ({ number: i + 1, email: line.trim().replace(/^<|>$/g, '').replace(/[,;]$/, '').toLowerCase() })).filter((l) => l.email !== '');
    if (lines.length > MAX_BULK_LINES) throw new AppError('invalid', 'The list is too long.', [{ field: 'emails', message: `Paste at most ${MAX_BULK_LINES} addresses at a time` }]);
    const found = new Map<string, PersonRow>();
    const problems: Array<{ field: string; message: string }> = [];
    for (const line of lines) {
      const person = /^[^\s@]+@[^\s@]+$/.test(line.email) ? await activeAccountHere(deployment, line.email) : undefined;
      // Somebody elsewhere is reported like nobody at all: the list must not reveal who has an account.
      if (!person) problems.push({ field: 'emails', message: `Line ${line.number}: nobody at ${deployment.organisationName} has the address ${line.email}` });
      else found.set(person.id, person);
    }
    if (problems.length > 0) throw new AppError('invalid', 'Nobody was assigned: put right the lines listed, then assign the list again.', problems);
    return [...found.values()];
  }

  return {
    assignPeople,

    /**
     * Links a person to a deployment they use: themselves (from their profile), or someone in the
     * deployment's organisation by a product lead. Their training is due in the refresher days.
     */
    async linkUser({ viewer, deploymentId, personId }: { viewer: Viewer; deploymentId: string; personId: string }): Promise<void> {
      const deployment = isUuid(deploymentId) ? await repo.findDeployment(deploymentId) : undefined;
      if (!deployment || deployment.status === 'withdrawn') throw deploymentNotFound();
      // Deny first, so nobody learns which deployments or people exist from the messages that follow.
      const self = personId === viewer.personId;
      if (!self && !(await mayManageIn(viewer, deployment.organisationId))) throw deploymentNotFound();
      const person = isUuid(personId) ? await deps.peopleRepository.getPerson(personId) : undefined;
      if (!person) throw new AppError('not_found', 'There is no such person, or you cannot see them.');
      if (!(await organisations.isWithinSubtree(deployment.organisationId, person.organisationId))) {
        if (self) throw deploymentNotFound();
        throw new AppError('invalid', 'They do not work where this product is deployed.', [{ field: 'personId', message: 'Choose someone who works where it is deployed' }]);
      }
      await inTransaction(deps.db, async (tx) => {
        if ((await repo.listDeploymentUsers(deployment.id, tx)).some((u) => u.personId === person.id)) return;
        await assignPeople(tx, viewer, deployment, [person], self ? 'self' : 'assigned');
      }).catch((error: unknown) => {
        // Linked a moment ago by a double submit or a colleague: what was asked for is done.
        if (!isUniqueViolation(error)) throw error;
      });
    },

    /**
     * Ends a person's use of a deployment: a manager's doing, or their own. Someone removing
     * themselves from a deployment they neither use nor work under is told it is not found, as
     * for an id that names nothing, so the answer never says which deployments exist.
     */
    async unlinkUser({ viewer, deploymentId, personId }: { viewer: Viewer; deploymentId: string; personId: string }): Promise<void> {
      const deployment = isUuid(deploymentId) ? await repo.findDeployment(deploymentId) : undefined;
      if (!deployment) throw deploymentNotFound();
      const manages = await mayManageIn(viewer, deployment.organisationId);
      if (!manages && personId !== viewer.personId) throw deploymentNotFound();
      await inTransaction(deps.db, async (tx) => {
        const link = (await repo.listDeploymentUsers(deployment.id, tx)).find((u) => u.personId === personId);
        if (!link && !manages && !(await organisations.isWithinSubtree(deployment.organisationId, viewer.organisationId, tx))) throw deploymentNotFound();
        if (!link) return;
        await repo.unlinkDeploymentUser(link.id, now(), tx);
        await deps.contributions?.refreshProductUse(tx, [personId]);
        await record(viewer, deployment.organisationId, personId, 'deployment.user-unlinked', { deploymentId: deployment.id }, tx);
      });
    },

    /** Assigns everyone chosen who does not use the deployment yet, in one transaction; those already linked are skipped. */
    async assignInBulk({ viewer, deploymentId, input }: { viewer: Viewer; deploymentId: string; input: unknown }): Promise<BulkAssignResult> {
      const deployment = await deps.access.managedDeployment(viewer, deploymentId);
      if (deployment.status === 'withdrawn') throw new AppError('conflict', 'This deployment has been withdrawn.');
      const values = parseInput(bulkAssignInputSchema, input, 'Nobody was assigned.');
      const chosen = values.by === 'organisation' ? await peopleOfOrganisation(deployment, values.organisationId, values.includeBeneath) : await peopleOfList(deployment, values.emails);
      return inTransaction(deps.db, async (tx) => {
        const linked = new Set((await deps.productRepository.listDeploymentUsers(deployment.id, tx)).map((u) => u.personId));
        const fresh = chosen.filter((p) => !linked.has(p.id));
        await assignPeople(tx, viewer, deployment, fresh, 'assigned');
        return { assigned: fresh.length, alreadyAssigned: chosen.length - fresh.length };
      });
    },
  };
}
