import type { Database } from '../../db/client.ts';
import type { TeamRow } from '../../db/team.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { AppError } from '../../errors.ts';
import { hasRole } from '../identity/viewer.ts';
import type { Viewer } from '../identity/viewer.ts';
import { checkArchetypes, recordTeamChange } from './team-deps.ts';
import type { TeamServiceDeps } from './team-deps.ts';
import { invalidField, memberSettingsSchema, newTeamSchema, parseTeamInput, teamSettingsSchema } from './team-input.ts';
import type { TeamSettingsInput } from './team-input.ts';
import { createTeamMembers } from './team-members.ts';
import { createTeamView } from './team-view.ts';

export type { TeamServiceDeps } from './team-deps.ts';
const TEAM_PROBLEMS = 'The team’s details have problems.';

export interface TeamListItem {
  team: TeamRow;
  memberCount: number;
  isMember: boolean;
  canManage: boolean;
}

/**
 * AI multidisciplinary teams (report 4.1, Boxes 4 and 5; issue 13 §1): setting one up, its
 * settings, members, products and responsibilities. Who may see and change a team is decided by
 * team-access.ts alone; every change is audited in its own transaction.
 */
export function createTeamService(deps: TeamServiceDeps) {
  const repo = deps.teamAdminRepository;
  const now = deps.now ?? (() => new Date());
  const access = deps.teamAccess;

  function settingsOf(input: unknown): TeamSettingsInput {
    const values = parseTeamInput(teamSettingsSchema, input, TEAM_PROBLEMS);
    const covered = checkArchetypes(deps.framework, values.coveredArchetypes ?? [], 'coveredArchetypes', TEAM_PROBLEMS);
    return { ...values, coveredArchetypes: covered.length > 0 ? covered : null };
  }

  /** The chosen products, each one the viewer can see (the ids of those they cannot are refused), and all they can see. */
  async function checkProducts(viewer: Viewer, productIds: readonly string[]): Promise<{ chosen: string[]; visible: Set<string> }> {
    const visible = new Set((await deps.visibleProducts(viewer)).map((p) => p.id));
    if (productIds.some((id) => !visible.has(id))) throw invalidField(TEAM_PROBLEMS, 'productIds', 'Choose AI products from the list');
    return { chosen: [...new Set(productIds)], visible };
  }

  /** Whether the person setting a team up joins it, and as what; an AI product lead always leads what they set up. */
  function creatorMembership(viewer: Viewer, input: unknown) {
    const values = parseTeamInput(newTeamSchema.pick({ joinAsLead: true, teamRole: true, archetypes: true }), input, TEAM_PROBLEMS);
    if (!values.joinAsLead) {
      if (!hasRole(viewer, 'organisation-admin')) throw invalidField(TEAM_PROBLEMS, 'joinAsLead', 'As an AI product lead you join the team you set up as its lead');
      return null;
    }
    const member = parseTeamInput(memberSettingsSchema, { teamRole: values.teamRole, archetypes: values.archetypes, isLead: true }, TEAM_PROBLEMS);
    if (member.archetypes.length === 0) throw invalidField(TEAM_PROBLEMS, 'archetypes', 'Choose at least one archetype you will play in the team');
    return { ...member, archetypes: checkArchetypes(deps.framework, member.archetypes, 'archetypes', TEAM_PROBLEMS) };
  }

  const nameTaken = (name: string) => invalidField(TEAM_PROBLEMS, 'name', `Your organisation already has an AI MDT called ${name}`);
  async function uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
  }

  // `visible` is read before the transaction: the product service queries outside it.
  async function syncProducts(team: TeamRow, { chosen, visible }: { chosen: readonly string[]; visible: ReadonlySet<string> }, tx: Database): Promise<{ added: string[]; removed: string[] }> {
    const current = (await repo.listTeamProducts(team.id, tx)).map((p) => p.id);
    // Products the editor cannot see stay: another lead chose them, and this form never showed them.
    const removed = current.filter((id) => visible.has(id) && !chosen.includes(id));
    const added = chosen.filter((id) => !current.includes(id));
    for (const id of removed) await repo.removeTeamProduct(team.id, id, tx);
    for (const id of added) await repo.addTeamProduct(team.id, id, tx);
    return { added, removed };
  }

  return {
    ...createTeamMembers(deps, access),
    ...createTeamView(deps, access),
    mayCreateTeams: access.mayCreateTeams,

    /** Teams the viewer is in, and those they manage as an admin of the owning organisation or above. */
    async listTeams({ viewer }: { viewer: Viewer }): Promise<TeamListItem[]> {
      const mine = await repo.listTeamsOfMember(viewer.personId);
      const owners = viewer.roles.includes('platform-admin') ? 'all' : hasRole(viewer, 'organisation-admin') ? await deps.organisationRepository.listSubtreeIds(viewer.organisationId) : [];
      const administered = await repo.listTeamsOwnedBy(owners);
      const byId = new Map([...administered, ...mine].map((t) => [t.id, t]));
      const counts = await repo.countCurrentMembers([...byId.keys()]);
      const memberIds = new Set(mine.map((t) => t.id));
      const adminIds = new Set(administered.map((t) => t.id));
      const items = await Promise.all(
        [...byId.values()].map(async (team) => {
          const isLead = memberIds.has(team.id) && (await deps.teamRepository.findCurrentMembership(team.id, viewer.personId))?.isLead === true;
          return { team, memberCount: counts.get(team.id) ?? 0, isMember: memberIds.has(team.id), canManage: adminIds.has(team.id) || isLead };
        }),
      );
      return items.sort((a, b) => a.team.name.localeCompare(b.team.name));
    },

    /** Sets a team up in the viewer's organisation, which owns it. */
    async createTeam({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<TeamRow> {
      if (!access.mayCreateTeams(viewer)) throw new AppError('forbidden', 'Only organisation admins and AI product leads can set up an AI MDT.');
      const [settings, joining] = allProblems(() => settingsOf(input), () => creatorMembership(viewer, input));
      const { chosen: productIds } = await checkProducts(viewer, settings.productIds);
      return uniqueName(settings.name, () =>
        inTransaction(deps.db, async (tx) => {
          const { name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative } = settings;
          const row = { name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative };
          const team = await repo.insertTeam({ ...row, organisationId: viewer.organisationId, createdBy: viewer.personId }, tx);
          await repo.addSpannedOrganisation(team.id, team.organisationId, tx);
          for (const id of productIds) await repo.addTeamProduct(team.id, id, tx);
          if (joining) await repo.insertMember({ ...joining, organisationId: team.organisationId, teamId: team.id, personId: viewer.personId, addedBy: viewer.personId }, tx);
          await recordTeamChange(deps, viewer, team, 'team.created', { ...settings, creatorJoined: joining !== null }, tx);
          return team;
        }),
      );
    },

    /** The team as its settings form shows it, for those who manage it. */
    async getManagedTeam({ viewer, teamId }: { viewer: Viewer; teamId: string }) {
      const team = await access.assertCanManage(viewer, teamId);
      return { team, productIds: (await repo.listTeamProducts(team.id)).map((p) => p.id) };
    },

    async updateTeam({ viewer, teamId, input }: { viewer: Viewer; teamId: string; input: unknown }): Promise<TeamRow> {
      const team = await access.assertCanManage(viewer, teamId);
      if (team.archivedAt) throw new AppError('conflict', 'This AI MDT is archived: it can no longer be changed.');
      const { productIds, ...settings } = settingsOf(input);
      const products = await checkProducts(viewer, productIds);
      return uniqueName(settings.name, () =>
        inTransaction(deps.db, async (tx) => {
          const updated = (await repo.updateTeam(team.id, settings, tx))!;
          const productChanges = await syncProducts(team, products, tx);
          const { name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative } = team;
          await recordTeamChange(deps, viewer, team, 'team.edited', { before: { name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative }, after: settings, products: productChanges }, tx);
          return updated;
        }),
      );
    },

    /** Archives the team: it leaves every list and can no longer be changed; its history stays. */
    async archiveTeam({ viewer, teamId }: { viewer: Viewer; teamId: string }): Promise<void> {
      const team = await access.assertCanManage(viewer, teamId);
      if (team.archivedAt) return;
      await inTransaction(deps.db, async (tx) => {
        await repo.archiveTeam(team.id, now(), tx);
        await recordTeamChange(deps, viewer, team, 'team.archived', {}, tx);
      });
    },

    /** The AI products a team may be given to look after: those the viewer can see. */
    productChoices: ({ viewer }: { viewer: Viewer }) => deps.visibleProducts(viewer),

    /** Whether the person is in any AI MDT now (the start page's link). */
    isInAnyTeam: (personId: string) => repo.isInAnyTeam(personId),
  };
}

/** Runs both checks so a form shows every problem at once, not the first check's alone. */
function allProblems<A, B>(first: () => A, second: () => B): [A, B] {
  const problems: AppError[] = [];
  const attempt = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      problems.push(error);
      return undefined;
    }
  };
  const a = attempt(first);
  const b = attempt(second);
  if (problems.length > 0) throw new AppError('invalid', problems[0]!.message, problems.flatMap((p) => p.details));
  return [a as A, b as B];
}

export type TeamService = ReturnType<typeof createTeamService>;
