import type { Repositories } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { AccessPolicy } from '../people/access-policy.ts';
import type { Viewer } from '../identity/viewer.ts';
import { createAwards } from './awards.ts';
import { createCredentialIssuing } from './credential-issuing.ts';
import { createIssuers } from './issuers.ts';

/** Open Badges 3.0 credentials (issue 16 §2): issuers and their keys, and the awards other services call. */
export function createCredentialServices(
  repositories: Repositories,
  options: { baseUrl: string; keyEncryptionKey: Buffer; access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'> },
) {
  const { db } = repositories;
  const issuers = createIssuers({ db, credentialRepository: repositories.credentials, audit: repositories.audit, baseUrl: options.baseUrl, keyEncryptionKey: options.keyEncryptionKey });
  const issueCredential = createCredentialIssuing({ credentialRepository: repositories.credentials, peopleRepository: repositories.people, issuers, audit: repositories.audit, baseUrl: options.baseUrl });
  const awards = createAwards({ issueCredential, credentialRepository: repositories.credentials, baseUrl: options.baseUrl });

  const issuerAdmin = {
    /**
     * Replaces the organisation's signing key. Earlier credentials keep verifying, unless the old
     * key is marked compromised: then it is withdrawn and what it signed fails verification.
     */
    async rotateIssuerKey({ viewer, organisationId, compromised }: { viewer: Viewer; organisationId: string; compromised: boolean }) {
      return inTransaction(db, async (tx) => {
        await options.access.assertCanAdministerOrganisation(viewer, organisationId, tx);
        const key = await issuers.rotateKey({ organisationId, actorId: viewer.personId, compromised }, tx);
        return { verificationMethodId: key.verificationMethodId, createdAt: key.createdAt };
      });
    },
  };

  return { issuers, awards, issuerAdmin };
}

export type CredentialServices = ReturnType<typeof createCredentialServices>;
