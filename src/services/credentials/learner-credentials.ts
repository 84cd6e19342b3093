import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { CredentialRepository, IssuedCredentialRow } from '../../db/credential.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from '../people/access-policy.ts';
import type { AuditTrail } from '../verification/ports.ts';

export interface CredentialSummary {
  id: string;
  name: string;
  kind: IssuedCredentialRow['kind'];
  issuedAt: Date;
  revokedAt: Date | null;
}

const notFound = () => new AppError('not_found', 'There is no such credential, or it is not yours.');
const summaryOf = (row: IssuedCredentialRow): CredentialSummary => ({ id: row.id, name: row.achievementName, kind: row.kind, issuedAt: row.issuedAt, revokedAt: row.revokedAt });

/** A learner's own credentials, and revocation by an admin of the issuing organisation. */
export function createLearnerCredentials(deps: {
  db: Database;
  credentialRepository: Pick<CredentialRepository, 'listCredentialsOf' | 'findCredentialOf' | 'findCredential' | 'revokeCredential'>;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'>;
  audit: AuditTrail;
}) {
  const repo = deps.credentialRepository;
  return {
    async listMyCredentials({ viewer }: { viewer: Viewer }): Promise<CredentialSummary[]> {
      return (await repo.listCredentialsOf(viewer.personId)).map(summaryOf);
    },

    /** The credential exactly as signed, and a file name for it; nobody else's. */
    async getMyCredentialFile({ viewer, credentialId }: { viewer: Viewer; credentialId: string }): Promise<{ filename: string; content: string; summary: CredentialSummary }> {
      const row = isUuid(credentialId) ? await repo.findCredentialOf(viewer.personId, credentialId) : undefined;
      if (!row) throw notFound();
      const slug = row.achievementName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'credential';
      return { filename: `${slug}-${row.id.slice(0, 8)}.json`, content: row.document, summary: summaryOf(row) };
    },

    /** Revokes through the issuer's status list; only an admin of the issuing organisation may. */
    async revokeCredential({ viewer, credentialId, reason }: { viewer: Viewer; credentialId: string; reason: string }): Promise<CredentialSummary> {
      const trimmed = reason.trim();
      if (!trimmed || trimmed.length > 500) throw new AppError('invalid', 'Enter why the credential is revoked (500 characters or fewer).', [{ field: 'reason', message: 'Enter why the credential is revoked' }]);
      return inTransaction(deps.db, async (tx) => {
        const row = isUuid(credentialId) ? await repo.findCredential(credentialId, tx) : undefined;
        if (!row) throw notFound();
        await deps.access.assertCanAdministerOrganisation(viewer, row.organisationId, tx);
        const at = new Date();
        if (!(await repo.revokeCredential(row.id, { at, by: viewer.personId, reason: trimmed }, tx))) throw new AppError('conflict', 'This credential is already revoked.');
        await deps.audit.insertAuditEvent({ organisationId: row.organisationId, actorId: viewer.personId, subjectId: row.personId, action: 'credentials.revoked', detail: { credentialId: row.id, reason: trimmed } }, tx);
        return { ...summaryOf(row), revokedAt: at };
      });
    },
  };
}

export type LearnerCredentials = ReturnType<typeof createLearnerCredentials>;
