import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { organisations } from './people.ts';

/** The three document resources of the LRS (9274.1.1 §4.1.6.2, §4.1.6.5, §4.1.6.6). */
export const XAPI_DOCUMENT_KINDS = ['state', 'activity_profile', 'agent_profile'] as const;
export type XapiDocumentKind = (typeof XAPI_DOCUMENT_KINDS)[number];

/**
 * Documents learning platforms keep in an organisation's learning record store: a course's
 * bookmark for a learner (state), notes about an activity (activity profile) or about a learner
 * (agent profile). Any media type, kept byte for byte. Parts a kind does not use are '' rather than
 * NULL so the whole address can be the primary key, organisation first: each organisation is its
 * own LRS. The agent is its inverse functional identifier in canonical form (src/xapi/agent-ifi.ts),
 * never the JSON a platform sent, so one learner named with or without a display name is one agent.
 */
export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: XAPI_DOCUMENT_KINDS }).notNull(),
    activityId: text('activity_id').notNull().default(''),
    agentIfi: text('agent_ifi').notNull().default(''),
    /** A state's registration UUID in lower case, '' for none. */
    registration: text('registration').notNull().default(''),
    /** The stateId or profileId. */
    documentId: text('document_id').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
    /** Quoted SHA-1 of the content, as sent in ETag and compared with If-Match. */
    etag: text('etag').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.kind, t.activityId, t.agentIfi, t.registration, t.documentId] })],
);
