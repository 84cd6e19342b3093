import { alias } from 'drizzle-orm/pg-core';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import { auditEvents, organisationClosure, organisations, people } from './schema.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** An audit event with the names a reader needs: who did it, to whom, and where. */
export interface ActivityRow {
  id: string;
  action: string;
  detail: unknown;
  at: Date;
  organisationName: string | null;
  actorId: string | null;
  actorName: string | null;
  subjectId: string | null;
  subjectName: string | null;
}

export interface ActivityQuery {
  /** Events recorded against this organisation or any beneath it. */
  rootId: string;
  actions: readonly string[];
  limit: number;
  offset: number;
}

const actor = alias(people, 'actor');
const subject = alias(people, 'subject');

export function createAuditRepository(db: Database) {
  return {
    /** Append-only: the table refuses UPDATE and DELETE. Pass the transaction of the change it records. */
    async insertAuditEvent(event: NewAuditEvent, tx: Database = db): Promise<void> {
      await tx.insert(auditEvents).values(event);
    },

    /** How many of these events were recorded in an organisation's subtree, for paging. */
    async countActivity({ rootId, actions }: Pick<ActivityQuery, 'rootId' | 'actions'>): Promise<number> {
      if (actions.length === 0) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(auditEvents)
        .innerJoin(organisationClosure, and(eq(organisationClosure.descendantId, auditEvents.organisationId), eq(organisationClosure.ancestorId, rootId)))
        .where(inArray(auditEvents.action, [...actions]));
      return Number(row?.n ?? 0);
    },

    /** One page of those events, newest first, with names. */
    async listActivity({ rootId, actions, limit, offset }: ActivityQuery): Promise<ActivityRow[]> {
      if (actions.length === 0) return [];
      return db
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          detail: auditEvents.detail,
          at: auditEvents.at,
          organisationName: organisations.name,
          actorId: auditEvents.actorId,
          actorName: actor.displayName,
          subjectId: auditEvents.subjectId,
          subjectName: subject.displayName,
        })
        .from(auditEvents)
        .innerJoin(organisationClosure, and(eq(organisationClosure.descendantId, auditEvents.organisationId), eq(organisationClosure.ancestorId, rootId)))
        .leftJoin(organisations, eq(organisations.id, auditEvents.organisationId))
        .leftJoin(actor, eq(actor.id, auditEvents.actorId))
        .leftJoin(subject, eq(subject.id, auditEvents.subjectId))
        .where(inArray(auditEvents.action, [...actions]))
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(limit)
        .offset(offset);
    },

    async listAuditEventsAbout(subjectId: string): Promise<AuditEventRow[]> {
      return db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(desc(auditEvents.at));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
