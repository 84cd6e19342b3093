import type { Database } from '../../db/client.ts';
import type { CredentialRepository, IssuerKeyRow } from '../../db/credential.repository.ts';
import type { JsonLdObject } from '@digitalbazaar/credential-types';
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, OB_V3_CONTEXT } from './bundled-contexts.ts';
import type { HubDocumentSource } from './document-loader.ts';
import { openSecret, sealSecret } from './key-encryption.ts';
import { generateKeyPair, keyPairFromSeed } from './signing.ts';
import type { Ed25519KeyPair } from './signing.ts';
import type { AuditTrail } from '../verification/ports.ts';

export type IssuerRepository = Pick<CredentialRepository, 'findActiveKey' | 'insertActiveKey' | 'listKeys' | 'setKeyStatus' | 'findIssuerOrganisation'>;

export interface IssuersDeps {
  db: Database;
  credentialRepository: IssuerRepository;
  audit: AuditTrail;
  /** The hub's public base URL: issuers, keys and achievements are published under it. */
  baseUrl: string;
  /** CREDENTIAL_KEY_ENCRYPTION_KEY: seals every issuer's signing key. */
  keyEncryptionKey: Buffer;
}

const ISSUER_PATH = '/ob/issuers/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const bindingOf = (key: Pick<IssuerKeyRow, 'organisationId' | 'verificationMethodId'>) => `${key.organisationId}|${key.verificationMethodId}`;

/**
 * One issuer per issuing organisation (Open Badges 3.0): its Profile doubles as the controller
 * document of its keys. Keys are made on first use, sealed under the key-encryption key, and never
 * deleted: a retired key stays in `assertionMethod` so what it signed still verifies, and only a
 * key marked compromised is withdrawn (what it signed then fails, as it should).
 */
export function createIssuers(deps: IssuersDeps) {
  const repo = deps.credentialRepository;
  const base = deps.baseUrl.replace(/\/+$/, '');
  const issuerUrlOf = (organisationId: string) => `${base}${ISSUER_PATH}${organisationId}`;

  async function createKey(organisationId: string, tx: Database, actorId: string | null, reason: string): Promise<IssuerKeyRow | undefined> {
    const { keyPair, seed } = await generateKeyPair(issuerUrlOf(organisationId));
    const sealed = sealSecret(deps.keyEncryptionKey, seed, bindingOf({ organisationId, verificationMethodId: keyPair.id }));
    const row = await repo.insertActiveKey({ organisationId, verificationMethodId: keyPair.id, publicKeyMultibase: keyPair.publicKeyMultibase, ...sealed }, tx);
    if (row) await deps.audit.insertAuditEvent({ organisationId, actorId, subjectId: row.id, action: 'credentials.issuer-key-created', detail: { verificationMethod: row.verificationMethodId, reason } }, tx);
    return row;
  }

  async function keyPairOf(row: IssuerKeyRow): Promise<Ed25519KeyPair> {
    const keyPair = await keyPairFromSeed(openSecret(deps.keyEncryptionKey, row, bindingOf(row)), issuerUrlOf(row.organisationId));
    // A seed that does not give the published key would sign credentials nobody can verify.
    if (keyPair.id !== row.verificationMethodId) throw new Error(`issuer key ${row.id} does not match its published verification method`);
    return keyPair;
  }

  function methodOf(row: IssuerKeyRow): JsonLdObject {
    return { id: row.verificationMethodId, type: 'Multikey', controller: issuerUrlOf(row.organisationId), publicKeyMultibase: row.publicKeyMultibase };
  }

  async function controllerDocument(organisationId: string, tx: Database = deps.db): Promise<JsonLdObject | null> {
    const organisation = await repo.findIssuerOrganisation(organisationId, tx);
    const keys = organisation ? await repo.listKeys(organisationId, tx) : [];
    // Only organisations that have issued are issuers: nothing is published about the others.
    if (!organisation || keys.length === 0) return null;
    return {
      // did/v1 first: jsonld-signatures then reads assertionMethod without reframing the document.
      '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, OB_V3_CONTEXT],
      id: issuerUrlOf(organisationId),
      type: 'Profile',
      name: organisation.name,
      url: `${base}/`,
      verificationMethod: keys.map(methodOf),
      assertionMethod: keys.filter((k) => k.status !== 'compromised').map((k) => k.verificationMethodId),
    };
  }

  /** The hub's own issuer documents by URL, for the document loader: a controller document or one key. */
  const hubDocuments = (tx: Database = deps.db): HubDocumentSource => async (url) => {
    if (!url.startsWith(`${base}${ISSUER_PATH}`)) return null;
    const [path, fragment] = url.slice(base.length + ISSUER_PATH.length).split('#', 2);
    if (!path || !UUID.test(path)) return null;
    if (fragment === undefined) return controllerDocument(path, tx);
    const key = (await repo.listKeys(path, tx)).find((k) => k.verificationMethodId === url);
    return key ? { '@context': MULTIKEY_V1_CONTEXT, ...methodOf(key) } : null;
  };

  return {
    issuerUrlOf,
    controllerDocument,
    hubDocuments,

    /** The organisation's signing key, made now if it has none (audited). Pass the issuing transaction. */
    async signingKeyFor(organisationId: string, tx: Database): Promise<Ed25519KeyPair> {
      const row = (await repo.findActiveKey(organisationId, tx)) ?? (await createKey(organisationId, tx, null, 'first use')) ?? (await repo.findActiveKey(organisationId, tx));
      if (!row) throw new Error(`organisation ${organisationId} has no active issuer key`);
      return keyPairOf(row);
    },

    /**
     * Replaces the active key with a new one. Retired, the old key still verifies what it signed;
     * marked compromised, it is withdrawn from assertionMethod and what it signed no longer verifies.
     * The caller has checked the actor may administer the organisation.
     */
    async rotateKey({ organisationId, actorId, compromised }: { organisationId: string; actorId: string; compromised: boolean }, tx: Database): Promise<IssuerKeyRow> {
      const current = await repo.findActiveKey(organisationId, tx);
      const status = compromised ? 'compromised' : 'retired';
      if (current) {
        await repo.setKeyStatus(current.id, status, new Date(), tx);
        await deps.audit.insertAuditEvent({ organisationId, actorId, subjectId: current.id, action: `credentials.issuer-key-${status}`, detail: { verificationMethod: current.verificationMethodId } }, tx);
      }
      const created = await createKey(organisationId, tx, actorId, compromised ? 'previous key compromised' : 'rotation');
      if (!created) throw new Error(`organisation ${organisationId} gained an active key during rotation`);
      return created;
    },

    /** Withdraws a retired key found to be compromised; false when the organisation has no such retired key. */
    async withdrawRetiredKey({ organisationId, verificationMethodId, actorId }: { organisationId: string; verificationMethodId: string; actorId: string }, tx: Database): Promise<boolean> {
      const key = (await repo.listKeys(organisationId, tx)).find((k) => k.verificationMethodId === verificationMethodId && k.status === 'retired');
      if (!key) return false;
      await repo.setKeyStatus(key.id, 'compromised', new Date(), tx);
      await deps.audit.insertAuditEvent({ organisationId, actorId, subjectId: key.id, action: 'credentials.issuer-key-compromised', detail: { verificationMethod: key.verificationMethodId } }, tx);
      return true;
    },
  };
}

export type Issuers = ReturnType<typeof createIssuers>;
