import type { JsonLdObject } from '@digitalbazaar/credential-types';
import { AppError } from '../../errors.ts';
import { createDocumentLoader } from './document-loader.ts';
import type { HubDocumentSource } from './document-loader.ts';
import { verifySignedCredential } from './signing.ts';

/** What the public verify page and API say about a presented credential. */
export interface VerificationReport {
  /** The signature holds, the issuer is this hub's, the credential is in date and not revoked. */
  verified: boolean;
  name: string | null;
  signature: 'valid' | 'invalid' | 'not-checked';
  issuer: { id: string | null; name: string | null; known: boolean };
  status: 'active' | 'revoked' | 'not-checked';
  problems: string[];
}

const MAX_PROBLEMS = 5;

function parseCredential(input: unknown): JsonLdObject {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      throw new AppError('invalid', 'This is not JSON: paste the credential file’s whole content.', [{ field: 'credential', message: 'Paste the whole credential, as JSON' }]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('proof' in value)) {
    throw new AppError('invalid', 'This is not a signed credential: it has no proof.', [{ field: 'credential', message: 'Paste a signed credential (it has a “proof”)' }]);
  }
  return value as JsonLdObject;
}

const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function problemsOf(error: (Error & { errors?: Error[] }) | undefined): string[] {
  if (!error) return [];
  const all = error.errors?.length ? error.errors : [error];
  return all.slice(0, MAX_PROBLEMS).map((e) => String(e.message).slice(0, 300));
}

/**
 * Checks a credential with the hub's offline document loader: the signature against the issuer's
 * published keys, the issuer, and the Bitstring Status List. A revoked credential's signature still
 * verifies (the library reports `verified: true`), so its status is read separately here.
 */
export function createCredentialVerification(deps: { hubDocuments: () => HubDocumentSource }) {
  return async function verifyPresentedCredential(input: unknown): Promise<VerificationReport> {
    const credential = parseCredential(input);
    const issuerField = credential.issuer;
    const issuerId = typeof issuerField === 'object' && issuerField !== null ? textOf((issuerField as JsonLdObject).id) : textOf(issuerField);
    const hubDocuments = deps.hubDocuments();
    const issuerDocument = issuerId ? await hubDocuments(issuerId) : null;
    const issuer = { id: issuerId, name: textOf(issuerDocument?.name), known: issuerDocument !== null };
    const name = textOf(credential.name);
    if (!issuer.known) {
      return { verified: false, name, signature: 'not-checked', issuer, status: 'not-checked', problems: ['The issuer is not one this hub publishes: only credentials this hub issued can be checked here.'] };
    }
    const hasStatus = credential.credentialStatus !== undefined;
    const result = await verifySignedCredential({ credential, documentLoader: createDocumentLoader(hubDocuments), checkStatus: hasStatus });
    const revoked = result.statusResult?.results?.some((r) => r.status === true) ?? false;
    const status = !hasStatus || !result.statusResult?.verified ? 'not-checked' : revoked ? 'revoked' : 'active';
    const problems = problemsOf(result.error);
    if (revoked) problems.push('The issuer has revoked this credential.');
    return { verified: result.verified && !revoked, name, signature: result.verified ? 'valid' : 'invalid', issuer, status, problems };
  };
}

export type VerifyPresentedCredential = ReturnType<typeof createCredentialVerification>;
