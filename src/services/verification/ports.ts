import type { Notices } from '../mail/notices.ts';
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
/** Tells someone in the hub and by mail, in the change's transaction (services/mail/notices.ts). */
export type Teller = Pick<Notices, 'tell'>;
