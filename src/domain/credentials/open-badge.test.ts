import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential, credentialDate, hashedEmailIdentity } from './open-badge.ts';

const facts = {
  id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
  issuer: { id: 'https://hub.example/ob/issuers/o1', name: 'Exeter Trust', url: 'https://hub.example/' },
  achievement: { id: 'https://hub.example/ob/achievements/m1', name: 'tri-X 5 — Reading the heatmap', description: 'd', criteria: 'Pass the check', achievementType: 'Assessment' as const, version: '5.0' },
  recipientEmail: 'Ann@Trust.NHS.uk ',
  salt: 'pepper',
  awardedAt: new Date('2026-12-05T10:11:12.345Z'),
};

describe('OpenBadgeCredential', () => {
  it('writes dates without milliseconds', () => {
    expect(credentialDate(new Date('2026-12-05T10:11:12.345Z'))).toBe('2026-12-05T10:11:12Z');
  });

  it('hashes the normalised address with the salt, never carrying the address', () => {
    const identity = hashedEmailIdentity('Ann@Trust.NHS.uk ', 'pepper');
    expect(identity.identityHash).toBe(`sha256$${createHash('sha256').update('ann@trust.nhs.ukpepper').digest('hex')}`);
    expect(JSON.stringify(buildOpenBadgeCredential(facts)).toLowerCase()).not.toContain('ann@trust');
  });

  it('embeds the issuer Profile and names the product version', () => {
    const credential = buildOpenBadgeCredential({ ...facts, result: '9/10' });
    expect(credential).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: facts.issuer.id, type: ['Profile'], name: 'Exeter Trust' },
      validFrom: '2026-12-05T10:11:12Z',
      credentialSubject: { achievement: { version: '5.0', achievementType: 'Assessment', criteria: { narrative: 'Pass the check' } }, result: [{ type: ['Result'], value: '9/10' }] },
    });
  });

  it('carries a revocation entry in a Bitstring Status List', () => {
    const credential = buildOpenBadgeCredential({ ...facts, status: { listUrl: 'https://hub.example/ob/status/o1/1', index: 4242 } });
    expect(credential.credentialStatus).toEqual({
      id: 'https://hub.example/ob/status/o1/1#4242', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '4242', statusListCredential: 'https://hub.example/ob/status/o1/1',
    });
  });

  it('leaves out what is not known', () => {
    const credential = buildOpenBadgeCredential({ ...facts, achievement: { ...facts.achievement, version: undefined } });
    const subject = credential.credentialSubject as Record<string, Record<string, unknown>>;
    expect(subject.achievement).not.toHaveProperty('version');
    expect(subject).not.toHaveProperty('result');
  });
});
