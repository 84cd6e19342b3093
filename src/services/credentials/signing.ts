import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import type { VerifyCredentialResult } from '@digitalbazaar/vc';
import type { DocumentLoader, JsonLdObject } from '@digitalbazaar/credential-types';

/** The hub signs with eddsa-rdfc-2022 only (Data Integrity, RDFC-1.0 canonical form, Ed25519). */
export const CRYPTOSUITE = 'eddsa-rdfc-2022';

export type { Ed25519KeyPair };

/** The key pair for a 32-byte Ed25519 seed; its id is `${controller}#${publicKeyMultibase}`. */
export async function keyPairFromSeed(seed: Uint8Array, controller: string): Promise<Ed25519KeyPair> {
  if (seed.length !== 32) throw new Error('An Ed25519 seed is 32 bytes');
  return Ed25519Multikey.generate({ seed, controller });
}

/** A fresh key pair and its seed, which is all that needs keeping secret. */
export async function generateKeyPair(controller: string): Promise<{ keyPair: Ed25519KeyPair; seed: Uint8Array }> {
  const seed = new Uint8Array(32);
  crypto.getRandomValues(seed);
  return { keyPair: await keyPairFromSeed(seed, controller), seed };
}

/** The public verification method document (Multikey), as the hub publishes it. */
export async function verificationMethodOf(keyPair: Ed25519KeyPair, includeContext = true): Promise<JsonLdObject> {
  return keyPair.export({ publicKey: true, includeContext });
}

export interface SignCredentialOptions {
  credential: JsonLdObject;
  keyPair: Ed25519KeyPair;
  documentLoader: DocumentLoader;
  /** The proof's `created`; defaults to now. Fixed only to reproduce a test vector. */
  created?: string;
}

/** Adds an assertionMethod DataIntegrityProof; the input is copied, never changed. */
export async function signCredential({ credential, keyPair, documentLoader, created }: SignCredentialOptions): Promise<JsonLdObject> {
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, ...(created ? { date: created } : {}) });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader });
}

export interface VerifyCredentialOptions {
  credential: JsonLdObject;
  documentLoader: DocumentLoader;
  /** Check a BitstringStatusListEntry too; the list must be one the loader serves. */
  checkStatus?: boolean;
  now?: Date;
}

/**
 * The library's report. A revoked credential still has `verified: true`; its revocation shows only
 * in `statusResult.results[].status`, which callers must read themselves.
 */
export async function verifySignedCredential(options: VerifyCredentialOptions): Promise<VerifyCredentialResult> {
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({
    credential: structuredClone(options.credential),
    suite,
    documentLoader: options.documentLoader,
    ...(options.checkStatus ? { checkStatus } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

/** The canonical N-Quads (RDFC-1.0) the suite signs, for a document or a proof configuration. */
export async function canonize(document: JsonLdObject, documentLoader: DocumentLoader): Promise<string> {
  return cryptosuite.canonize(document, { documentLoader });
}
