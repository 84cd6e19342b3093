import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './key-encryption.ts';

const kek = randomBytes(32);
const seed = randomBytes(32);

describe('sealing issuer key seeds', () => {
  it('opens what it sealed, and never stores the seed in the clear', () => {
    const sealed = sealSecret(kek, seed, 'org-1|vm-1');
    expect(Buffer.from(sealed.secretCiphertext, 'base64').equals(seed)).toBe(false);
    expect(Buffer.from(openSecret(kek, sealed, 'org-1|vm-1')).equals(seed)).toBe(true);
  });

  it('refuses another key-encryption key, another binding, or altered bytes', () => {
    const sealed = sealSecret(kek, seed, 'org-1|vm-1');
    expect(() => openSecret(randomBytes(32), sealed, 'org-1|vm-1')).toThrow();
    expect(() => openSecret(kek, sealed, 'org-2|vm-1')).toThrow();
    const altered = Buffer.from(sealed.secretCiphertext, 'base64');
    altered[0] = (altered[0] ?? 0) ^ 1;
    expect(() => openSecret(kek, { ...sealed, secretCiphertext: altered.toString('base64') }, 'org-1|vm-1')).toThrow();
  });
});
