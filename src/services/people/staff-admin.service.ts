import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { OrganisationRow } from '../../db/organisation.repository.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import type { SupervisionRepository, SupervisionRow } from '../../db/supervision.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation, isUniqueViolationOf } from '../../db/unique-violation.ts';
import type { OrganisationKind } from '../../domain/people/organisation-kinds.ts';
import { PLATFORM_ROLES } from '../../domain/people/platform-roles.ts';
import type { PlatformRole } from '../../domain/people/platform-roles.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from './access-policy.ts';
import type { Notices } from '../mail/notices.ts';
import type { NotificationService } from './notification.service.ts';
import type { OrganisationService } from './organisation.service.ts';

export interface ChangeRolesOptions {
  viewer: Viewer;
  personId: string;
  /** The roles the person should hold; learner is always kept. */
  roles: readonly PlatformRole[];
}

export interface AssignSupervisorOptions {
  viewer: Viewer;
  learnerId: string;
  /** Web forms name the supervisor by email, API clients by id. */
  supervisor: { personId: string } | { email: string };
}

export interface EndSupervisionOptions {
  viewer: Viewer;
  supervisionId: string;
  /** When given (a page about one person), the supervision must be of this learner. */
  learnerId?: string;
}

export interface CreateChildOrganisationOptions {
  viewer: Viewer;
  parentId: string;
  kind: OrganisationKind;
  name: string;
  odsCode?: string | null;
}

export interface StaffAdminServiceDeps {
  db: Database;
  peopleRepository: Pick<PeopleRepository, 'getPerson' | 'findPeopleByEmail' | 'setRoles'>;
  supervisionRepository: Pick<SupervisionRepository, 'getSupervision' | 'insertSupervision' | 'endSupervision' | 'isCurrentSupervisor' | 'listCurrentBySupervisor'>;
  auditRepository: Pick<AuditRepository, 'insertAuditEvent'>;
  organisations: Pick<OrganisationService, 'createOrganisation'>;
  notifications: Pick<NotificationService, 'notify'>;
  /** Notices that are mailed too (services/mail/notices.ts). */
  notices: Pick<Notices, 'tell'>;
  access: Pick<AccessPolicy, 'assertCanAdministerPerson' | 'assertCanAdministerOrganisation' | 'canAdministerPerson'>;
  now?: () => Date;
}

const rolesProblem = (message: string) => new AppError('invalid', message, [{ field: 'roles', message }]);
const supervisorProblem = (message: string, code: 'invalid' | 'conflict' = 'invalid') => new AppError(code, message, [{ field: 'supervisor', message }]);

/** Learner first, then the rest in the platform's order, each once. */
function normaliseRoles(roles: readonly string[]): PlatformRole[] {
  return PLATFORM_ROLES.filter((role) => role === 'learner' || roles.includes(role));
}

/** What organisation admins do to the people and organisations beneath them. Every change is audited. */
export function createStaffAdminService(deps: StaffAdminServiceDeps) {
  const { peopleRepository: people, supervisionRepository: supervisions, auditRepository: audit, access } = deps;
  const now = deps.now ?? (() => new Date());

  async function findSupervisor(viewer: Viewer, supervisor: AssignSupervisorOptions['supervisor']): Promise<PersonRow> {
    const candidates = 'email' in supervisor ? await people.findPeopleByEmail(supervisor.email.trim()) : [await people.getPerson(supervisor.personId)];
    // Only someone the admin administers: the supervisor gains a role and sight of the learner, and
    // seeing someone (a supervisee elsewhere) is not authority over them. Anyone else gets the same
    // answer as nobody, so emails cannot be probed. An address has an account per organisation.
    let found: PersonRow | undefined;
    for (const candidate of candidates) if (!found && candidate && (await access.canAdministerPerson(viewer, candidate))) found = candidate;
    if (!found) throw supervisorProblem('Enter the email address of someone in your organisation');
    if (found.status !== 'active') throw supervisorProblem(`${found.displayName}'s account is disabled`);
    return found;
  }

  return {
    async changeRoles({ viewer, personId, roles }: ChangeRolesOptions): Promise<PersonRow> {
      const person = await access.assertCanAdministerPerson(viewer, personId);
      const before = normaliseRoles(person.roles);
      const after = normaliseRoles(roles);
      if (before.includes('platform-admin') !== after.includes('platform-admin') && !viewer.roles.includes('platform-admin')) {
        throw new AppError('forbidden', 'Only a platform admin can give or take away the platform admin role.', [{ field: 'roles', message: 'Only a platform admin can change the platform admin role' }]);
      }
      // An admin who removed their own role could not put it back: another admin must.
      if (person.id === viewer.personId && before.includes('organisation-admin') && !after.includes('organisation-admin')) {
        throw rolesProblem('You cannot remove your own organisation admin role. Ask another organisation admin');
      }
      if (before.includes('supervisor') && !after.includes('supervisor') && (await supervisions.listCurrentBySupervisor(person.id)).length > 0) {
        throw rolesProblem(`${person.displayName} supervises people. End those supervisions before removing the supervisor role`);
      }
      if (before.join() === after.join()) return person;
      await inTransaction(deps.db, async (tx) => {
        await people.setRoles(person.id, after, tx);
        await audit.insertAuditEvent({ organisationId: person.organisationId, actorId: viewer.personId, subjectId: person.id, action: 'person.roles-changed', detail: { from: before, to: after } }, tx);
      });
      return { ...person, roles: after };
    },

    /** Makes someone a person's supervisor, giving them the supervisor role if they lack it. */
    async assignSupervisor({ viewer, learnerId, supervisor }: AssignSupervisorOptions): Promise<SupervisionRow> {
      const learner = await access.assertCanAdministerPerson(viewer, learnerId);
      const chosen = await findSupervisor(viewer, supervisor);
      if (chosen.id === learner.id) throw supervisorProblem('A person cannot supervise themselves');
      const alreadySupervises = () => supervisorProblem(`${chosen.displayName} already supervises ${learner.displayName}`, 'conflict');
      if (await supervisions.isCurrentSupervisor(chosen.id, learner.id)) throw alreadySupervises();
      return inTransaction(deps.db, async (tx) => {
        if (!chosen.roles.includes('supervisor')) {
          const roles = normaliseRoles([...chosen.roles, 'supervisor']);
          await people.setRoles(chosen.id, roles, tx);
          await audit.insertAuditEvent({ organisationId: chosen.organisationId, actorId: viewer.personId, subjectId: chosen.id, action: 'person.roles-changed', detail: { from: normaliseRoles(chosen.roles), to: roles } }, tx);
        }
        const supervision = await supervisions.insertSupervision({ organisationId: learner.organisationId, supervisorId: chosen.id, learnerId: learner.id, assignedBy: viewer.personId }, tx);
        await audit.insertAuditEvent({ organisationId: learner.organisationId, actorId: viewer.personId, subjectId: learner.id, action: 'supervision.assigned', detail: { supervisionId: supervision.id, supervisorId: chosen.id } }, tx);
        const as = (p: typeof chosen) => ({ organisationId: p.organisationId, personId: p.id, email: p.email, displayName: p.displayName });
        await deps.notices.tell({ tx, to: as(chosen), subject: `You now supervise ${learner.displayName}`, message: `You now supervise ${learner.displayName}.`, link: `/organisation/people/${learner.id}`, linkText: `See ${learner.displayName}` });
        await deps.notices.tell({ tx, to: as(learner), subject: `${chosen.displayName} is now your supervisor`, message: `${chosen.displayName} is now your supervisor.`, link: '/account', linkText: 'See your account' });
        return supervision;
      }).catch((error: unknown) => {
        // Two admins assigning the same pair at once: the partial unique index lets only one through.
        throw isUniqueViolation(error) ? alreadySupervises() : error;
      });
    },

    /** Ends a supervision; the row stays, so who supervised whom (and verified what) remains readable. */
    async endSupervision({ viewer, supervisionId, learnerId }: EndSupervisionOptions): Promise<void> {
      const supervision = await supervisions.getSupervision(supervisionId);
      const learner = supervision && (!learnerId || supervision.learnerId === learnerId) ? await people.getPerson(supervision.learnerId) : undefined;
      // Only the learner's admins may end it. To anyone else (the learner and supervisor included) a
      // real supervision answers exactly as an id that names nothing, so ids reveal nothing.
      if (!supervision || !learner || !(await access.canAdministerPerson(viewer, learner))) throw new AppError('not_found', 'There is no such supervision, or you cannot end it.');
      if (supervision.endedAt) return;
      await inTransaction(deps.db, async (tx) => {
        // Two admins ending it at once: only the one whose update ended it records that it did.
        if (!(await supervisions.endSupervision(supervision.id, now(), tx))) return;
        await audit.insertAuditEvent({ organisationId: learner.organisationId, actorId: viewer.personId, subjectId: learner.id, action: 'supervision.ended', detail: { supervisionId: supervision.id, supervisorId: supervision.supervisorId } }, tx);
      });
    },

    /** Adds a team (or other organisation the NHS tree allows) beneath one the viewer administers. */
    async createChildOrganisation({ viewer, parentId, kind, name, odsCode = null }: CreateChildOrganisationOptions): Promise<OrganisationRow> {
      const parent = await access.assertCanAdministerOrganisation(viewer, parentId);
      try {
        return await inTransaction(deps.db, async (tx) => {
          const created = await deps.organisations.createOrganisation({ kind, name, parentId: parent.id, odsCode }, tx);
          await audit.insertAuditEvent({ organisationId: created.id, actorId: viewer.personId, subjectId: created.id, action: 'organisation.created', detail: { kind, name: created.name, parentId: parent.id } }, tx);
          return created;
        });
      } catch (error) {
        if (isUniqueViolationOf(error, 'organisations_ods_code_unique')) {
          throw new AppError('conflict', `Another organisation already has the ODS code ${odsCode?.trim().toUpperCase() ?? ''}.`, [{ field: 'odsCode', message: 'Another organisation already has this ODS code' }]);
        }
        if (isUniqueViolation(error)) {
          throw new AppError('conflict', `${parent.name} already has an organisation called ${name.trim()}.`, [{ field: 'name', message: `${parent.name} already has an organisation with this name` }]);
        }
        if (error instanceof AppError && error.code === 'invalid' && error.details.length === 0) {
          throw new AppError('invalid', error.message, [{ field: 'kind', message: error.message }]);
        }
        throw error;
      }
    },
  };
}

export type StaffAdminService = ReturnType<typeof createStaffAdminService>;
