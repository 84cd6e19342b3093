import type { Repositories } from '../../db/index.ts';
import type { Database } from '../../db/client.ts';
import type { AccessPolicy } from '../people/access-policy.ts';
import { createAwards } from './awards.ts';
import { createCredentialIssuing } from './credential-issuing.ts';
import { createCredentialVerification } from './credential-verification.ts';
import type { HubDocumentSource } from './document-loader.ts';
import { createIssuerAdmin } from './issuer-admin.ts';
import { createIssuers } from './issuers.ts';
import { createLearnerCredentials } from './learner-credentials.ts';
import { createStatusLists } from './status-lists.ts';

/** Open Badges 3.0 credentials (issue 16 §2): issuers, keys, status lists, the awards other services call, and verification. */
export function createCredentialServices(
  repositories: Repositories,
  options: { baseUrl: string; keyEncryptionKey: Buffer; access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'> },
) {
  const { db } = repositories;
  const issuers = createIssuers({ db, credentialRepository: repositories.credentials, audit: repositories.audit, baseUrl: options.baseUrl, keyEncryptionKey: options.keyEncryptionKey });
  const statusLists = createStatusLists({ db, credentialRepository: repositories.credentials, issuers, baseUrl: options.baseUrl });
  const issueCredential = createCredentialIssuing({ credentialRepository: repositories.credentials, peopleRepository: repositories.people, issuers, statusLists, audit: repositories.audit, baseUrl: options.baseUrl });
  const awards = createAwards({ issueCredential, credentialRepository: repositories.credentials, baseUrl: options.baseUrl });
  /** Everything the hub publishes for verifiers, read from the database: issuers, keys, status lists. */
  const hubDocuments = (tx: Database = db): HubDocumentSource => async (url) => (await issuers.hubDocuments(tx)(url)) ?? (await statusLists.hubDocuments(tx)(url));

  const issuerAdmin = createIssuerAdmin({ db, credentialRepository: repositories.credentials, issuers, access: options.access });

  return {
    issuers,
    statusLists,
    awards,
    issuerAdmin,
    hubDocuments,
    learnerCredentials: createLearnerCredentials({ db, credentialRepository: repositories.credentials, access: options.access, audit: repositories.audit }),
    verifyPresentedCredential: createCredentialVerification({ hubDocuments: () => hubDocuments() }),
    /**
     * An achievement's definition (Open Badges Achievement) at its own URL, taken from a credential
     * that awards it: the Achievement carries nothing about the holder. Null when none was issued.
     */
    async achievementDocument(achievementId: string): Promise<Record<string, unknown> | null> {
      const document = await repositories.credentials.findLatestDocumentFor(achievementId);
      if (!document) return null;
      const credential = JSON.parse(document) as { '@context': unknown; credentialSubject?: { achievement?: Record<string, unknown> } };
      const achievement = credential.credentialSubject?.achievement;
      return achievement ? { '@context': credential['@context'], ...achievement } : null;
    },
  };
}

export type CredentialServices = ReturnType<typeof createCredentialServices>;
