import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import type { CredentialRepository, IssuedCredentialRow } from '../../db/credential.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import { buildOpenBadgeCredential } from '../../domain/credentials/open-badge.ts';
import type { AchievementFacts } from '../../domain/credentials/open-badge.ts';
import type { CREDENTIAL_KINDS } from '../../db/tables/credentials.ts';
import { createDocumentLoader } from './document-loader.ts';
import type { Issuers } from './issuers.ts';
import { signCredential } from './signing.ts';
import type { StatusLists } from './status-lists.ts';
import type { AuditTrail } from '../verification/ports.ts';

export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export interface IssueCredentialOptions {
  organisationId: string;
  personId: string;
  /** Who caused it: the learner, or the supervisor who verified. */
  actorId: string;
  kind: CredentialKind;
  achievement: AchievementFacts;
  result?: string;
  evidence?: Array<{ name: string; narrative: string }>;
  awardedAt: Date;
}

export interface CredentialIssuingDeps {
  credentialRepository: Pick<CredentialRepository, 'findCredentialFor' | 'insertCredential' | 'findIssuerOrganisation'>;
  peopleRepository: Pick<PeopleRepository, 'getPerson'>;
  issuers: Pick<Issuers, 'issuerUrlOf' | 'signingKeyFor' | 'hubDocuments'>;
  statusLists: Pick<StatusLists, 'allocateEntry'>;
  audit: AuditTrail;
  baseUrl: string;
}

/**
 * Signs an OpenBadgeCredential and stores it exactly as signed, in the transaction of the event
 * that earned it: the credential exists if and only if the event committed. A learner holds at
 * most one credential per achievement; a repeat (or a concurrent twin) issues nothing.
 */
export function createCredentialIssuing(deps: CredentialIssuingDeps) {
  const repo = deps.credentialRepository;
  const home = `${deps.baseUrl.replace(/\/+$/, '')}/`;

  return async function issueCredential(tx: Database, options: IssueCredentialOptions): Promise<IssuedCredentialRow | undefined> {
    const { organisationId, personId, achievement } = options;
    if (await repo.findCredentialFor(personId, achievement.id, tx)) return undefined;
    const person = await deps.peopleRepository.getPerson(personId, tx);
    const organisation = await repo.findIssuerOrganisation(organisationId, tx);
    if (!person || !organisation) throw new Error(`cannot issue a credential to ${personId} from ${organisationId}`);
    const keyPair = await deps.issuers.signingKeyFor(organisationId, tx);
    const status = await deps.statusLists.allocateEntry(organisationId, tx);
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${randomUUID()}`,
      issuer: { id: deps.issuers.issuerUrlOf(organisationId), name: organisation.name, url: home },
      achievement,
      recipientEmail: person.email,
      salt: randomBytes(16).toString('hex'),
      awardedAt: options.awardedAt,
      ...(options.result ? { result: options.result } : {}),
      ...(options.evidence ? { evidence: options.evidence } : {}),
      status: { listUrl: status.listUrl, index: status.index },
    });
    const signed = await signCredential({ credential, keyPair, documentLoader: createDocumentLoader(deps.issuers.hubDocuments(tx)) });
    const row = await repo.insertCredential(
      { organisationId, personId, kind: options.kind, achievementId: achievement.id, achievementName: achievement.name, document: JSON.stringify(signed), issuedAt: options.awardedAt, statusList: status.list, statusIndex: status.index },
      tx,
    );
    if (row) {
      await deps.audit.insertAuditEvent(
        { organisationId, actorId: options.actorId, subjectId: personId, action: 'credentials.issued', detail: { credentialId: row.id, kind: options.kind, achievementId: achievement.id, verificationMethod: keyPair.id } },
        tx,
      );
    }
    return row;
  };
}

export type IssueCredential = ReturnType<typeof createCredentialIssuing>;
