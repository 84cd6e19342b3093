import { desc, eq, inArray, or } from 'drizzle-orm';
import type { Database } from './client.ts';
import {
  advancedFocus,
  auditEvents,
  evidence,
  evidenceFiles,
  invitations,
  localCredentials,
  notifications,
  outbox,
  people,
  profiles,
  sessions,
  supervisions,
  topicRatings,
  verificationDecisions,
  verificationRequests,
} from './schema.ts';

/**
 * Everything the hub holds about one person, table by table, for their data export. Secrets are
 * left out at the query: password hashes, session token hashes and CSRF secrets, invitation tokens.
 */
export function createPersonalDataRepository(db: Database) {
  return {
    async collectPersonalData(personId: string) {
      const [person] = await db.select().from(people).where(eq(people.id, personId));
      if (!person) return undefined;
      const requests = await db.select().from(verificationRequests).where(or(eq(verificationRequests.learnerId, personId), eq(verificationRequests.supervisorId, personId)));
      const requestIds = requests.map((r) => r.id);
      const evidenceRows = await db.select().from(evidence).where(eq(evidence.personId, personId)).orderBy(evidence.createdAt);
      const evidenceIds = evidenceRows.map((e) => e.id);
      return {
        person,
        profile: (await db.select().from(profiles).where(eq(profiles.personId, personId)))[0] ?? null,
        signIn: (await db.select({ passwordChangedAt: localCredentials.passwordChangedAt }).from(localCredentials).where(eq(localCredentials.personId, personId)))[0] ?? null,
        sessions: await db.select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.personId, personId)),
        invitations: await db
          .select({ id: invitations.id, organisationId: invitations.organisationId, email: invitations.email, displayName: invitations.displayName, roles: invitations.roles, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
          .from(invitations)
          .where(or(eq(invitations.acceptedPersonId, personId), eq(invitations.email, person.email))),
        supervisions: await db.select().from(supervisions).where(or(eq(supervisions.learnerId, personId), eq(supervisions.supervisorId, personId))),
        ratings: await db.select().from(topicRatings).where(eq(topicRatings.personId, personId)).orderBy(topicRatings.ratedAt),
        advancedFocus: await db.select().from(advancedFocus).where(eq(advancedFocus.personId, personId)).orderBy(advancedFocus.setAt),
        evidence: evidenceRows,
        evidenceFiles: evidenceIds.length === 0 ? [] : await db.select().from(evidenceFiles).where(inArray(evidenceFiles.evidenceId, evidenceIds)),
        verificationRequests: requests,
        verificationDecisions: requestIds.length === 0 ? [] : await db.select().from(verificationDecisions).where(inArray(verificationDecisions.requestId, requestIds)),
        notifications: await db.select().from(notifications).where(eq(notifications.personId, personId)).orderBy(desc(notifications.createdAt)),
        mail: await db.select().from(outbox).where(eq(outbox.toAddress, person.email)).orderBy(outbox.createdAt),
        auditEvents: await db.select().from(auditEvents).where(or(eq(auditEvents.subjectId, personId), eq(auditEvents.actorId, personId))).orderBy(auditEvents.at),
      };
    },
  };
}

export type PersonalDataRepository = ReturnType<typeof createPersonalDataRepository>;
export type PersonalData = NonNullable<Awaited<ReturnType<PersonalDataRepository['collectPersonalData']>>>;
