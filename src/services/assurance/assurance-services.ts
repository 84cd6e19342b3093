import type { Repositories } from '../../db/index.ts';
import type { FileStore } from '../../files/file-store.ts';
import type { VirusScanner } from '../../files/virus-scanner.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { CatalogEntry, HubEntry } from '../framework-catalog.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { createProductAccess } from '../products/product-access.ts';
import { createAnswerService } from './answer.service.ts';
import { createAssuranceAccess } from './assurance-access.ts';
import { createDecisionService } from './decision.service.ts';
import { createReviewPeople } from './review-people.ts';
import { createReviewQuestions } from './review-questions.ts';
import { bundledCrosswalk } from '../bundled-crosswalk.ts';
import { createReviewCrosswalk } from './review-crosswalk.ts';
import { createReviewReader } from './review-reader.ts';
import { createReviewReport } from './review-report.ts';
import { createReviewService } from './review.service.ts';
import type { Notices } from '../mail/notices.ts';

export interface AssuranceServiceOptions {
  audit: AuditLog;
  notifications: Pick<NotificationService, 'notify' | 'notifyAll'>;
  /** Notices that are mailed too (services/mail/notices.ts). */
  notices: Pick<Notices, 'tellPerson'>;
  framework: () => HubEntry;
  findFramework: (id: string, version: string) => CatalogEntry | undefined;
  fileStore: FileStore;
  virusScanner: VirusScanner | null;
}

/** Assurance reviews (issue 12), wired from repositories: one access rule shared by every use case. */
export function createAssuranceServices(repositories: Repositories, options: AssuranceServiceOptions) {
  const base = { db: repositories.db, assuranceRepository: repositories.assurance, audit: options.audit };
  const access = createAssuranceAccess({ assuranceRepository: repositories.assurance, organisationRepository: repositories.organisations, peopleRepository: repositories.people });
  const people = createReviewPeople({ peopleRepository: repositories.people, organisationRepository: repositories.organisations });
  const questions = createReviewQuestions({ framework: options.framework, findFramework: options.findFramework });
  const productAccess = createProductAccess({ productRepository: repositories.products, organisationRepository: repositories.organisations });
  const reviews = createReviewService({ ...base, organisationRepository: repositories.organisations, access, productAccess, people, questions, notifications: options.notifications, notices: options.notices });
  const answers = createAnswerService({ ...base, access, people, questions, fileStore: options.fileStore, virusScanner: options.virusScanner });
  const decisions = createDecisionService({ ...base, access, people, questions, notifications: options.notifications, notices: options.notices });
  const reader = createReviewReader({ assuranceRepository: repositories.assurance, access, people, questions });
  return {
    ...reviews,
    ...answers,
    ...decisions,
    ...reader,
    ...createReviewCrosswalk({ reader, crosswalk: bundledCrosswalk }),
    ...createReviewReport({ reader, crosswalk: bundledCrosswalk }),
  };
}

export type AssuranceService = ReturnType<typeof createAssuranceServices>;
