import type { AccessPolicy } from '../people/access-policy.ts';
import type { NotificationService } from '../people/notification.service.ts';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { HubEntry } from '../framework-catalog.ts';

/** What evidence and verification need from elsewhere; each service takes only these. */
export type VerificationAccess = Pick<AccessPolicy, 'assertCanSeePerson'>;
/** Tells people of requests and decisions, and marks what they have acted on read. */
export type Notifier = Pick<NotificationService, 'notify' | 'markReadAbout'>;
export type AuditTrail = Pick<AuditRepository, 'insertAuditEvent'>;
/** The framework people assess themselves against (the latest version of the hub's own). */
export type AssessmentFramework = () => HubEntry;
