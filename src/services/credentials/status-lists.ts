import { randomInt } from 'node:crypto';
import { createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list';
import type { JsonLdObject } from '@digitalbazaar/credential-types';
import type { Database } from '../../db/client.ts';
import type { CredentialRepository } from '../../db/credential.repository.ts';
import { credentialDate } from '../../domain/credentials/open-badge.ts';
import { createDocumentLoader } from './document-loader.ts';
import type { HubDocumentSource } from './document-loader.ts';
import type { Issuers } from './issuers.ts';
import { signCredential } from './signing.ts';

/** The Bitstring Status List minimum (131,072 entries), which keeps a list from revealing how few were issued. */
export const STATUS_LIST_LENGTH = 131_072;
/** Each list is filled to half at most, so a random free position is found in a few tries. */
const ENTRIES_PER_LIST = STATUS_LIST_LENGTH / 2;
const STATUS_PATH = '/ob/status/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface StatusListsDeps {
  db: Database;
  credentialRepository: Pick<CredentialRepository, 'countIssuedBy' | 'listStatusEntries'>;
  issuers: Pick<Issuers, 'issuerUrlOf' | 'signingKeyFor' | 'hubDocuments'>;
  baseUrl: string;
}

/**
 * Revocation through Bitstring Status Lists: every credential takes a random position in one of
 * its issuer's lists, and each list is served as a credential signed afresh on every request from
 * what the database says is revoked, so revoking needs no list to be rewritten.
 */
export function createStatusLists(deps: StatusListsDeps) {
  const base = deps.baseUrl.replace(/\/+$/, '');
  const listUrlOf = (organisationId: string, list: number) => `${base}${STATUS_PATH}${organisationId}/${list}`;

  async function listCredential(organisationId: string, list: number, tx: Database): Promise<JsonLdObject | null> {
    const entries = await deps.credentialRepository.listStatusEntries(organisationId, list, tx);
    if (entries.length === 0) return null;
    const bits = await createList({ length: STATUS_LIST_LENGTH });
    for (const entry of entries) if (entry.revoked) bits.setStatus(entry.statusIndex, true);
    const credential = await createCredential({ id: listUrlOf(organisationId, list), list: bits, statusPurpose: 'revocation' });
    const keyPair = await deps.issuers.signingKeyFor(organisationId, tx);
    const documentLoader = createDocumentLoader(deps.issuers.hubDocuments(tx));
    return signCredential({ credential: { ...credential, issuer: deps.issuers.issuerUrlOf(organisationId), validFrom: credentialDate(new Date()) }, keyPair, documentLoader });
  }

  return {
    listUrlOf,

    /** A free random position for the next credential of this organisation. Pass the issuing transaction. */
    async allocateEntry(organisationId: string, tx: Database): Promise<{ list: number; index: number; listUrl: string }> {
      const list = 1 + Math.floor((await deps.credentialRepository.countIssuedBy(organisationId, tx)) / ENTRIES_PER_LIST);
      const taken = new Set((await deps.credentialRepository.listStatusEntries(organisationId, list, tx)).map((e) => e.statusIndex));
      let index = randomInt(STATUS_LIST_LENGTH);
      while (taken.has(index)) index = randomInt(STATUS_LIST_LENGTH);
      return { list, index, listUrl: listUrlOf(organisationId, list) };
    },

    /** The signed BitstringStatusListCredential, or null when there is no such list. */
    statusListCredential: (organisationId: string, list: number, tx: Database = deps.db) => listCredential(organisationId, list, tx),

    /** Status list URLs, for the document loader. */
    hubDocuments: (tx: Database = deps.db): HubDocumentSource => async (url) => {
      if (!url.startsWith(`${base}${STATUS_PATH}`)) return null;
      const [organisationId, list, ...rest] = url.slice(base.length + STATUS_PATH.length).split('/');
      if (!organisationId || !UUID.test(organisationId) || !list || !/^[1-9]\d{0,5}$/.test(list) || rest.length > 0) return null;
      return listCredential(organisationId, Number(list), tx);
    },
  };
}

export type StatusLists = ReturnType<typeof createStatusLists>;
