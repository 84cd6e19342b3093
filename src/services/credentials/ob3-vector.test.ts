import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import jsonld from 'jsonld';
import type { JsonLdObject } from '@digitalbazaar/credential-types';
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from './bundled-contexts.ts';
import { createDocumentLoader, DocumentRefusedError } from './document-loader.ts';
import { canonize, keyPairFromSeed, signCredential, verificationMethodOf, verifySignedCredential } from './signing.ts';
import type { Ed25519KeyPair } from './signing.ts';

/** 1EdTech's published eddsa-rdfc-2022 test vector for an OpenBadgeCredential (standards/openbadges/). */
const dir = path.resolve(import.meta.dirname, '../../../standards/openbadges');
const vector = JSON.parse(readFileSync(path.join(dir, 'ob3-eddsa-rdfc-2022-vector.json'), 'utf8')) as {
  ed25519SecretKeyHex: string; publicKeyMultibase: string; controller: string; proofCreated: string;
  unsignedCredential: JsonLdObject; expectedDocumentHashSha256Hex: string; expectedProofValue: string;
};
const documentCanon = readFileSync(path.join(dir, 'document-canon.txt'), 'utf8');
const proofCanon = readFileSync(path.join(dir, 'proof-canon.txt'), 'utf8');

let keyPair: Ed25519KeyPair;
let signed: JsonLdObject;

/** The vector's issuer as the hub would publish it: a controller document and its one key. */
async function issuerDocuments(url: string): Promise<JsonLdObject | null> {
  const method = await verificationMethodOf(keyPair, false);
  if (url === keyPair.id) return { '@context': MULTIKEY_V1_CONTEXT, ...method };
  if (url === vector.controller) {
    return { '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT], id: vector.controller, verificationMethod: [method], assertionMethod: [keyPair.id] };
  }
  return null;
}
const documentLoader = createDocumentLoader(issuerDocuments);

function proofOf(credential: JsonLdObject): Record<string, string> {
  return credential.proof as Record<string, string>;
}

beforeAll(async () => {
  const seed = Buffer.from(vector.ed25519SecretKeyHex, 'hex').subarray(0, 32);
  keyPair = await keyPairFromSeed(seed, vector.controller);
  signed = await signCredential({ credential: vector.unsignedCredential, keyPair, documentLoader, created: vector.proofCreated });
});

describe('1EdTech Open Badges 3.0 eddsa-rdfc-2022 test vector', () => {
  it('derives the published public key from the secret key', () => {
    expect(keyPair.publicKeyMultibase).toBe(vector.publicKeyMultibase);
    expect(keyPair.id).toBe(`${vector.controller}#${vector.publicKeyMultibase}`);
  });

  it('canonicalises the document to the expected N-Quads and hash', async () => {
    const canon = await canonize(vector.unsignedCredential, documentLoader);
    expect(canon).toBe(documentCanon);
    expect(createHash('sha256').update(canon).digest('hex')).toBe(vector.expectedDocumentHashSha256Hex);
  });

  it('canonicalises the proof configuration to the expected N-Quads', async () => {
    const configuration: Record<string, string> = { ...proofOf(signed) };
    delete configuration.proofValue;
    const canon = await canonize({ '@context': vector.unsignedCredential['@context'], ...configuration }, documentLoader);
    expect(canon).toBe(proofCanon);
  });

  it('reproduces the published proof value byte for byte', () => {
    expect(proofOf(signed)).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', created: vector.proofCreated });
    expect(proofOf(signed).proofValue).toBe(vector.expectedProofValue);
  });

  it('verifies the signed credential', async () => {
    const result = await verifySignedCredential({ credential: signed, documentLoader });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('rejects a tampered document', async () => {
    const tampered = { ...structuredClone(signed), name: 'Teamwork Badgf' };
    expect((await verifySignedCredential({ credential: tampered, documentLoader })).verified).toBe(false);
  });

  it('rejects a tampered proof', async () => {
    const tampered = structuredClone(signed);
    proofOf(tampered).created = '2010-01-01T19:23:25Z';
    expect((await verifySignedCredential({ credential: tampered, documentLoader })).verified).toBe(false);
    const forged = structuredClone(signed);
    proofOf(forged).proofValue = vector.expectedProofValue.replace(/.$/, (last) => (last === 'r' ? 's' : 'r'));
    expect((await verifySignedCredential({ credential: forged, documentLoader })).verified).toBe(false);
  });

  it('refuses an unknown URL instead of fetching it', async () => {
    await expect(documentLoader('https://example.org/context.jsonld')).rejects.toBeInstanceOf(DocumentRefusedError);
    await expect(jsonld.expand({ '@context': 'https://example.org/context.jsonld', a: 1 }, { documentLoader })).rejects.toThrow();
    const foreign = { ...structuredClone(vector.unsignedCredential), '@context': [...(vector.unsignedCredential['@context'] as string[]), 'https://example.org/extra.jsonld'] };
    await expect(signCredential({ credential: foreign, keyPair, documentLoader })).rejects.toThrow(/example\.org\/extra\.jsonld/);
  });
});
