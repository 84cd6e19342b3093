import { createHash } from 'node:crypto';

/**
 * OpenBadgeCredentials (Open Badges 3.0, VC Data Model 2.0) as the hub issues them: built from
 * plain facts, unsigned. Only Open Badges 3.0.3 terms are used, because the eddsa-rdfc-2022 suite
 * canonicalises in safe mode and refuses any term no context defines.
 */
export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export type AchievementType = 'Assessment' | 'Competency' | 'Certificate' | 'LearningProgram';

export interface IssuerProfile {
  /** The issuer's URL: its Profile and controller document. */
  id: string;
  name: string;
  /** The hub's home page. */
  url: string;
}

export interface Alignment {
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
}

export interface AchievementFacts {
  id: string;
  name: string;
  description: string;
  criteria: string;
  achievementType: AchievementType;
  /** For a product module: the product version it taught. */
  version?: string;
  alignment?: Alignment[];
}

export interface OpenBadgeFacts {
  /** A `urn:uuid:` id. */
  id: string;
  issuer: IssuerProfile;
  achievement: AchievementFacts;
  /** The learner's e-mail address, carried only as a salted SHA-256 hash. */
  recipientEmail: string;
  /** Random per credential, so one learner's credentials cannot be linked by their hash. */
  salt: string;
  awardedAt: Date;
  /** What the learner achieved, as text: a score, or a verified level. */
  result?: string;
  /** What this award rests on (who verified it): about this holder, so never in the shared Achievement. */
  evidence?: Array<{ name: string; narrative: string }>;
  /** Its revocation entry: a Bitstring Status List credential's URL and a position in it. */
  status?: { listUrl: string; index: number };
}

export type OpenBadgeCredential = Record<string, unknown>;

/** An XML Schema dateTime without milliseconds, as VC 2.0 examples and the test vector write it. */
export function credentialDate(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** OB 3.0's IdentityObject hash: `sha256$` and the hex digest of the address (lower case) and salt. */
export function hashedEmailIdentity(email: string, salt: string): Record<string, unknown> {
  const identityHash = `sha256$${createHash('sha256').update(email.trim().toLowerCase() + salt).digest('hex')}`;
  return { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash, salt };
}

function achievementOf(facts: AchievementFacts): Record<string, unknown> {
  return {
    id: facts.id,
    type: ['Achievement'],
    achievementType: facts.achievementType,
    name: facts.name,
    description: facts.description,
    criteria: { narrative: facts.criteria },
    ...(facts.version ? { version: facts.version } : {}),
    ...(facts.alignment?.length ? { alignment: facts.alignment.map((a) => ({ type: ['Alignment'], ...a })) } : {}),
  };
}

/** A BitstringStatusListEntry for revocation (VC 2.0 defines the terms). */
function statusEntryOf({ listUrl, index }: { listUrl: string; index: number }): Record<string, unknown> {
  return { id: `${listUrl}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: listUrl };
}

export function buildOpenBadgeCredential(facts: OpenBadgeFacts): OpenBadgeCredential {
  return {
    '@context': [VC_V2, OB_V3],
    id: facts.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: facts.issuer.id, type: ['Profile'], name: facts.issuer.name, url: facts.issuer.url },
    validFrom: credentialDate(facts.awardedAt),
    name: facts.achievement.name,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [hashedEmailIdentity(facts.recipientEmail, facts.salt)],
      achievement: achievementOf(facts.achievement),
      ...(facts.result ? { result: [{ type: ['Result'], value: facts.result }] } : {}),
    },
    ...(facts.evidence?.length ? { evidence: facts.evidence.map((e) => ({ type: ['Evidence'], ...e })) } : {}),
    ...(facts.status ? { credentialStatus: statusEntryOf(facts.status) } : {}),
  };
}
