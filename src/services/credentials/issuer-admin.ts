import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { CredentialRepository } from '../../db/credential.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from '../people/access-policy.ts';
import type { Issuers } from './issuers.ts';

/** How many recent credentials the issuer page lists. */
const RECENT_CREDENTIALS = 50;

const organisationNotFound = () => new AppError('not_found', 'There is no such organisation, or you cannot see it.');

/** An organisation's issuer as its admins manage it: the published profile, its keys, rotation. */
export function createIssuerAdmin(deps: {
  db: Database;
  credentialRepository: Pick<CredentialRepository, 'listKeys' | 'listIssuedBy'>;
  issuers: Pick<Issuers, 'issuerUrlOf' | 'rotateKey' | 'withdrawRetiredKey'>;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'>;
}) {
  return {
    async getIssuerOverview({ viewer, organisationId }: { viewer: Viewer; organisationId: string }) {
      if (!isUuid(organisationId)) throw organisationNotFound();
      const organisation = await deps.access.assertCanAdministerOrganisation(viewer, organisationId);
      const [keys, credentials] = [await deps.credentialRepository.listKeys(organisationId), await deps.credentialRepository.listIssuedBy(organisationId, RECENT_CREDENTIALS)];
      return {
        organisation: { id: organisation.id, name: organisation.name },
        issuerUrl: deps.issuers.issuerUrlOf(organisationId),
        keys: keys.map((k) => ({ verificationMethodId: k.verificationMethodId, status: k.status, createdAt: k.createdAt, retiredAt: k.retiredAt })),
        credentials: credentials.map((c) => ({ id: c.id, name: c.achievementName, kind: c.kind, holderName: c.holderName, issuedAt: c.issuedAt, revokedAt: c.revokedAt })),
      };
    },

    /**
     * Replaces the organisation's signing key. Earlier credentials keep verifying, unless the old
     * key is marked compromised: then it is withdrawn and what it signed fails verification.
     */
    async rotateIssuerKey({ viewer, organisationId, compromised }: { viewer: Viewer; organisationId: string; compromised: boolean }) {
      if (!isUuid(organisationId)) throw organisationNotFound();
      return inTransaction(deps.db, async (tx) => {
        await deps.access.assertCanAdministerOrganisation(viewer, organisationId, tx);
        const key = await deps.issuers.rotateKey({ organisationId, actorId: viewer.personId, compromised }, tx);
        return { verificationMethodId: key.verificationMethodId, createdAt: key.createdAt };
      });
    },

    /** Withdraws a retired key that may be compromised: what it signed stops verifying. */
    async withdrawKey({ viewer, organisationId, verificationMethodId }: { viewer: Viewer; organisationId: string; verificationMethodId: string }): Promise<void> {
      if (!isUuid(organisationId)) throw organisationNotFound();
      await inTransaction(deps.db, async (tx) => {
        await deps.access.assertCanAdministerOrganisation(viewer, organisationId, tx);
        if (!(await deps.issuers.withdrawRetiredKey({ organisationId, verificationMethodId, actorId: viewer.personId }, tx))) {
          throw new AppError('not_found', 'The organisation has no such retired key; the key in use is withdrawn by replacing it.');
        }
      });
    },
  };
}

export type IssuerAdmin = ReturnType<typeof createIssuerAdmin>;
