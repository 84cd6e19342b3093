import type { Database } from '../../db/client.ts';
import type { CredentialRepository, IssuedCredentialRow } from '../../db/credential.repository.ts';
import type { IssueCredential } from './credential-issuing.ts';

/**
 * The three events that earn an Open Badges credential (issue 16 §2), each called by the service
 * that records the event, inside its transaction.
 */
export interface ModulePass {
  organisationId: string;
  personId: string;
  moduleId: string;
  productName: string;
  productVersionId: string;
  correct: number;
  total: number;
  passMarkPercent: number;
  at: Date;
}

export interface VerifiedLevel {
  organisationId: string;
  learnerId: string;
  supervisorId: string;
  supervisorName: string;
  frameworkId: string;
  topic: { id: string; label: string; requirementIds: readonly string[] };
  level: string;
  at: Date;
}

export interface TemplateProgress {
  organisationId: string;
  personId: string;
  templateId: string;
  at: Date;
}

export function createAwards(deps: { issueCredential: IssueCredential; credentialRepository: Pick<CredentialRepository, 'findProductVersionLabel' | 'findTemplateCompletion'>; baseUrl: string }) {
  const base = deps.baseUrl.replace(/\/+$/, '');
  const achievementUrl = (...parts: string[]) => `${base}/ob/achievements/${parts.map(encodeURIComponent).join('/')}`;

  return {
    /** A passed product module: the achievement names the product version it taught (R8). */
    async modulePassed(tx: Database, pass: ModulePass): Promise<IssuedCredentialRow | undefined> {
      const version = (await deps.credentialRepository.findProductVersionLabel(pass.productVersionId, tx)) ?? 'unknown';
      return deps.issueCredential(tx, {
        organisationId: pass.organisationId,
        personId: pass.personId,
        actorId: pass.personId,
        kind: 'product-module',
        achievement: {
          id: achievementUrl('product-modules', pass.moduleId),
          name: `${pass.productName} ${version}: product training`,
          description: `The product-specific training for ${pass.productName}, version ${version}: how to use it safely in this organisation.`,
          criteria: `Pass the module's knowledge check (${pass.passMarkPercent}% or more).`,
          achievementType: 'Assessment',
          version,
        },
        result: `${pass.correct}/${pass.total}`,
        awardedAt: pass.at,
      });
    },

    /** A level a supervisor verified (confirmed or set): never a self-rating alone. */
    async levelVerified(tx: Database, verified: VerifiedLevel): Promise<IssuedCredentialRow | undefined> {
      const requirement = verified.topic.requirementIds[0];
      return deps.issueCredential(tx, {
        organisationId: verified.organisationId,
        personId: verified.learnerId,
        actorId: verified.supervisorId,
        kind: 'topic-level',
        achievement: {
          id: achievementUrl('topics', verified.frameworkId, verified.topic.id, verified.level),
          name: `${verified.topic.label}: ${verified.level}`,
          description: `A supervisor-verified ${verified.level} level on “${verified.topic.label}”.`,
          criteria: `A self-rating of ${verified.level}, confirmed or set by the learner's supervisor after reviewing their evidence.`,
          achievementType: 'Competency',
          alignment: [
            {
              targetName: verified.topic.label,
              targetUrl: requirement ? `${base}/frameworks/${encodeURIComponent(verified.frameworkId)}/requirements/${encodeURIComponent(requirement)}` : `${base}/frameworks/${encodeURIComponent(verified.frameworkId)}/requirements`,
              targetCode: verified.topic.id,
              targetFramework: verified.frameworkId,
            },
          ],
        },
        result: verified.level,
        evidence: [{ name: 'Supervisor verification', narrative: `Verified by ${verified.supervisorName} on ${verified.at.toISOString().slice(0, 10)}.` }],
        awardedAt: verified.at,
      });
    },

    /** Issues the template's credential once every resource it lists is completed; otherwise nothing. */
    async templateProgressed(tx: Database, progress: TemplateProgress): Promise<IssuedCredentialRow | undefined> {
      const template = await deps.credentialRepository.findTemplateCompletion(progress.personId, progress.templateId, tx);
      if (!template || template.remaining > 0) return undefined;
      return deps.issueCredential(tx, {
        organisationId: progress.organisationId,
        personId: progress.personId,
        actorId: progress.personId,
        kind: 'journey-template',
        achievement: {
          id: achievementUrl('journey-templates', progress.templateId),
          name: template.title,
          description: template.description || `The learning journey “${template.title}”.`,
          criteria: `Complete every resource of the journey “${template.title}”.`,
          achievementType: 'LearningProgram',
        },
        awardedAt: progress.at,
      });
    },
  };
}

export type Awards = ReturnType<typeof createAwards>;
