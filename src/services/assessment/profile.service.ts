import type { Database } from '../../db/client.ts';
import type { AdvancedFocusRow, AssessmentRepository } from '../../db/assessment.repository.ts';
import type { PeopleRepository, ProfileRow } from '../../db/people.repository.ts';
import type { ApplicabilityProfile, ProductUse } from '../../domain/applicability/applicability.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { ProfessionalGroupId, SettingId } from '../../domain/people/profile-options.ts';
import { AppError } from '../../errors.ts';
import type { AccessPolicy, AuditLog } from './ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { focusNotice } from './focus-notice.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { AgreedFocus } from './focus-notice.ts';

export interface UpdateProfileOptions {
  viewer: Viewer;
  archetypes: string[];
  professionalGroup: ProfessionalGroupId | null;
  setting: SettingId | null;
  clinicalDecisionMaking: boolean;
}

/** What applicability needs about a person, and which of the products they use their training is current for. */
export interface PersonApplicability extends ApplicabilityProfile {
  products: ProductUse[];
  /** Products whose Table 2 statements the person meets by being current on their training (R8). */
  currentProductTraining: ReadonlySet<string>;
  /** Products whose training is not current only because a refresher is due: their statements stay met, until the date (R8). */
  refresherDue: ReadonlyMap<string, Date | null>;
  /** Product id → name, to say which product a product-specific statement is for. */
  productNames: ReadonlyMap<string, string>;
}

/** A product a person uses where training is needed now, as the product service reports it. */
export interface ProductTrainingUse extends ProductUse {
  productName: string;
  current: boolean;
  /** Set when a refresher is due but not yet overdue. */
  refresherDue?: { dueBy: Date | null } | null;
}

export interface SetAdvancedFocusOptions {
  viewer: Viewer;
  personId: string;
  archetype: string;
  /** Factor ids to focus on; null clears the focus so every advanced requirement applies again. */
  factors: string[] | null;
  reason: string;
}

export function createProfileService(deps: {
  db: Database;
  peopleRepository: PeopleRepository;
  assessmentRepository: AssessmentRepository;
  access: AccessPolicy;
  audit: AuditLog;
  framework: () => FrameworkIndex;
  /** The AI products a person uses where training is needed (piloting or live deployments); none when omitted. */
  productUses?: (personId: string) => Promise<ProductTrainingUse[]>;
  /** Tells a person their supervisor changed their focus; nobody is told when omitted. */
  notifier?: Pick<NotificationService, 'notify'>;
  /** Keeps the person's standing in workforce insight current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshStanding'>;
}) {
  const { peopleRepository: people, assessmentRepository: assessments } = deps;

  async function loadProfile(personId: string): Promise<ProfileRow> {
    const profile = await people.getProfile(personId);
    if (!profile) throw new AppError('not_found', 'There is no profile for this person.');
    return profile;
  }

  return {
    async getProfile({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<ProfileRow> {
      await deps.access.assertCanSeePerson(viewer, personId);
      return loadProfile(personId);
    },

    /** A person says which archetypes they hold and how they work with AI; only they may change it. */
    async updateProfile({ viewer, ...changes }: UpdateProfileOptions): Promise<ProfileRow> {
      const known = new Set(deps.framework().doc.archetypes.map((a) => a.id));
      const unknown = changes.archetypes.filter((a) => !known.has(a));
      if (unknown.length > 0) throw new AppError('invalid', `Unknown archetypes: ${unknown.join(', ')}.`, [{ field: 'archetypes', message: 'Select archetypes from the list' }]);
      const archetypes = [...known].filter((a) => changes.archetypes.includes(a));
      return deps.db.transaction(async (txn) => {
        const tx = txn as unknown as Database;
        const before = await people.getProfile(viewer.personId, tx);
        const saved = await people.saveProfile({ personId: viewer.personId, organisationId: viewer.organisationId, ...changes, archetypes }, tx);
        await deps.contributions?.refreshStanding(tx, viewer.personId);
        await deps.audit.record(
          { organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'profile.updated', detail: { before: before ?? null, after: { ...changes, archetypes } } },
          tx,
        );
        return saved;
      });
    },

    /**
     * R7: a person's current supervisor (only they: an admin may reassign the supervisor) narrows
     * the person's advanced requirements for one archetype, with a reason. The person is told.
     */
    async setAdvancedFocus({ viewer, personId, archetype, factors, reason }: SetAdvancedFocusOptions) {
      await deps.access.assertCanSupervise(viewer, personId);
      const index = deps.framework();
      if (!index.archetypeById.has(archetype)) throw new AppError('invalid', 'Select an archetype from the list.', [{ field: 'archetype', message: 'Select an archetype from the list' }]);
      const unknown = (factors ?? []).filter((f) => !index.factorById.has(f));
      if (unknown.length > 0 || (factors !== null && factors.length === 0)) {
        throw new AppError('invalid', 'Select at least one factor from the list.', [{ field: 'factors', message: 'Select at least one factor from the list' }]);
      }
      if (reason.trim().length === 0) throw new AppError('invalid', 'Enter the reason for the focus.', [{ field: 'reason', message: 'Enter the reason for the focus' }]);
      const [person, supervisor, profile] = await Promise.all([people.getPerson(personId), people.getPerson(viewer.personId), loadProfile(personId)]);
      if (!person) throw new AppError('not_found', 'There is no such person.');
      // A focus narrows an archetype's advanced requirements; one the person does not play has none to narrow.
      if (factors !== null && !profile.archetypes.includes(archetype)) {
        const name = index.archetypeById.get(archetype)?.label ?? archetype;
        const message = `${person.displayName}’s profile does not include ${name}: a focus applies only to the archetypes in their profile`;
        throw new AppError('invalid', `${message}.`, [{ field: 'archetype', message }]);
      }
      const notice = focusNotice(index, { supervisorName: supervisor?.displayName ?? 'Your supervisor', archetype, factors });
      return deps.db.transaction(async (txn) => {
        const tx = txn as unknown as Database;
        const row = await assessments.insertFocus({ organisationId: person.organisationId, personId, archetype, factors, reason: reason.trim(), setBy: viewer.personId }, tx);
        await deps.contributions?.refreshStanding(tx, personId);
        await deps.audit.record({ organisationId: person.organisationId, actorId: viewer.personId, subjectId: personId, action: 'focus.set', detail: { archetype, factors, reason } }, tx);
        await deps.notifier?.notify({ tx, organisationId: person.organisationId, personId, message: notice, link: factors === null ? '/self-assessment' : '/self-assessment#agreed-focus' });
        return row;
      });
    },

    /** Every focus decision for the person, newest first, with who saved it. */
    listFocusHistory: async ({ viewer, personId }: { viewer: Viewer; personId: string }) => {
      await deps.access.assertCanSeePerson(viewer, personId);
      const rows = await assessments.listFocusHistory(personId);
      const names = new Map((await people.listPeopleByIds([...new Set(rows.map((r) => r.setBy))])).map((p) => [p.id, p.displayName]));
      return rows.map((row) => ({ ...row, setByName: names.get(row.setBy) ?? 'A former member of staff' }));
    },

    /** The focus in force now for each archetype the person holds (cleared ones left out), for showing it to them. */
    async listAgreedFocus({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<AgreedFocus[]> {
      await deps.access.assertCanSeePerson(viewer, personId);
      const [profile, current] = await Promise.all([loadProfile(personId), assessments.listCurrentFocus(personId)]);
      const inForce = current.filter((f): f is typeof f & { factors: string[] } => f.factors !== null && profile.archetypes.includes(f.archetype));
      const names = new Map((await people.listPeopleByIds([...new Set(inForce.map((r) => r.setBy))])).map((p) => [p.id, p.displayName]));
      return inForce.map((f) => ({ archetype: f.archetype, factors: f.factors, reason: f.reason, setAt: f.setAt, setByName: names.get(f.setBy) ?? 'A former member of staff' }));
    },

    /** What the applicability rules need to know about a person (R2–R4, R7, and R8 for the products they use). */
    async applicabilityProfileOf(personId: string): Promise<PersonApplicability> {
      // Independent reads, asked together: a recomputed assessment waits for one round of them, not three.
      const [profile, currentFocus, uses] = await Promise.all([loadProfile(personId), assessments.listCurrentFocus(personId), deps.productUses?.(personId) ?? []]);
      return applicabilityOf(profile, currentFocus, uses);
    },
  };
}

/**
 * What the applicability rules need about a person, from their profile, their latest focus row per
 * archetype and the products they use: one place, for one person or a page of supervisees alike.
 * A focus counts only for an archetype they still hold, and a cleared one (null factors) not at all.
 */
export function applicabilityOf(
  profile: Pick<ProfileRow, 'archetypes' | 'clinicalDecisionMaking'>,
  currentFocus: ReadonlyArray<Pick<AdvancedFocusRow, 'archetype' | 'factors'>>,
  uses: readonly ProductTrainingUse[],
): PersonApplicability {
  const focus = currentFocus
    .filter((f): f is typeof f & { factors: string[] } => f.factors !== null && profile.archetypes.includes(f.archetype))
    .map((f) => ({ archetype: f.archetype, factors: f.factors }));
  return {
    archetypes: profile.archetypes,
    clinicalDecisionMaking: profile.clinicalDecisionMaking,
    focus,
    products: uses.map((u) => ({ productId: u.productId, clinicalDecisionMaking: u.clinicalDecisionMaking })),
    currentProductTraining: new Set(uses.filter((u) => u.current).map((u) => u.productId)),
    refresherDue: new Map(uses.flatMap((u) => (u.refresherDue ? [[u.productId, u.refresherDue.dueBy] as const] : []))),
    productNames: new Map(uses.map((u) => [u.productId, u.productName])),
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
