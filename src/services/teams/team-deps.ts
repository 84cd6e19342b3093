import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { TeamAdminRepository } from '../../db/team-admin.repository.ts';
import type { TeamRepository, TeamRow } from '../../db/team.repository.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { TeamAccessPolicy } from './team-access.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { invalidField } from './team-input.ts';

export interface TeamServiceDeps {
  db: Database;
  teamRepository: TeamRepository;
  teamAdminRepository: TeamAdminRepository;
  /** Who may see and manage a team: one policy shared by every team service. */
  teamAccess: TeamAccessPolicy;
  organisationRepository: Pick<OrganisationRepository, 'listSubtreeIds'>;
  peopleRepository: Pick<PeopleRepository, 'findPersonByEmail' | 'listProfiles'>;
  audit: AuditLog;
  notifications: Pick<NotificationService, 'notify'>;
  framework: () => HubEntry;
  /** The AI products the viewer can see (the product service decides): what a team may look after. */
  visibleProducts: (viewer: Viewer) => Promise<Array<{ id: string; name: string }>>;
  now?: () => Date;
}

/** Where a team's page lives, for notification links. */
export const teamPath = (teamId: string) => `/teams/${teamId}`;

/** Records a change to a team in the audit log, in the change's transaction. */
export async function recordTeamChange(deps: Pick<TeamServiceDeps, 'audit'>, viewer: Viewer, team: TeamRow, action: string, detail: object, tx: Database): Promise<void> {
  await deps.audit.record({ organisationId: team.organisationId, actorId: viewer.personId, subjectId: team.id, action, detail }, tx);
}

/** Checks archetype ids against the framework, in its order, or says which field is wrong. */
export function checkArchetypes(framework: () => HubEntry, ids: readonly string[], field: string, summary: string): string[] {
  const known = framework().index.doc.archetypes.map((a) => a.id);
  if (ids.some((id) => !known.includes(id))) throw invalidField(summary, field, 'Choose archetypes from the list');
  return known.filter((id) => ids.includes(id));
}
