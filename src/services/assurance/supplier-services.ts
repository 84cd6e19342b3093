import type { Repositories } from '../../db/index.ts';
import type { FileStore } from '../../files/file-store.ts';
import type { VirusScanner } from '../../files/virus-scanner.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { CatalogEntry, HubEntry } from '../framework-catalog.ts';
import type { Notices } from '../mail/notices.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { createAssuranceAccess } from './assurance-access.ts';
import { createReviewQuestions } from './review-questions.ts';
import { createSupplierLinkGate } from './supplier-link-gate.ts';
import { createSupplierLinkService } from './supplier-link.service.ts';
import { createSupplierPortalService } from './supplier-portal.service.ts';

export interface SupplierServiceOptions {
  audit: AuditLog;
  notifications: Pick<NotificationService, 'notifyAll'>;
  framework: () => HubEntry;
  findFramework: (id: string, version: string) => CatalogEntry | undefined;
  fileStore: FileStore;
  virusScanner: VirusScanner | null;
  baseUrl: string;
  mail: Pick<Notices, 'mailText'>;
  now?: () => Date;
}

/**
 * The supplier's side of assurance reviews (issue 12, part 2): the lead's links and the
 * questionnaire a link opens. Built beside the core assurance services, from the same access rule.
 */
export function createSupplierServices(repositories: Repositories, options: SupplierServiceOptions) {
  const now = options.now ?? (() => new Date());
  const access = createAssuranceAccess({ assuranceRepository: repositories.assurance, organisationRepository: repositories.organisations, peopleRepository: repositories.people });
  const questions = createReviewQuestions({ framework: options.framework, findFramework: options.findFramework });
  const base = { db: repositories.db, assuranceRepository: repositories.assurance, mail: options.mail, questions, audit: options.audit, baseUrl: options.baseUrl, now };
  return {
    links: createSupplierLinkService({ ...base, supplierLinkRepository: repositories.supplierLinks, access }),
    resolveLink: createSupplierLinkGate({ supplierLinkRepository: repositories.supplierLinks, assuranceRepository: repositories.assurance, signInLimitRepository: repositories.signInLimits, now }),
    portal: createSupplierPortalService({
      ...base,
      supplierLinkRepository: repositories.supplierLinks,
      peopleRepository: repositories.people,
      notifications: options.notifications,
      fileStore: options.fileStore,
      virusScanner: options.virusScanner,
    }),
  };
}

export type SupplierServices = ReturnType<typeof createSupplierServices>;
