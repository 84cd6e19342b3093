import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** An issuer key's seed as stored: AES-256-GCM ciphertext, IV and tag, each base64. */
export interface SealedSecret {
  secretCiphertext: string;
  secretIv: string;
  secretTag: string;
}

/**
 * Seals a signing key's 32-byte seed under the key-encryption key. The additional data binds the
 * ciphertext to its organisation and verification method, so a sealed seed copied onto another
 * organisation's row does not open.
 */
export function sealSecret(kek: Buffer, seed: Uint8Array, boundTo: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()]);
  return { secretCiphertext: ciphertext.toString('base64'), secretIv: iv.toString('base64'), secretTag: cipher.getAuthTag().toString('base64') };
}

/** Opens a sealed seed; throws when the key-encryption key, the binding or the bytes are wrong. */
export function openSecret(kek: Buffer, sealed: SealedSecret, boundTo: string): Uint8Array {
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.secretIv, 'base64'));
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.secretTag, 'base64'));
  return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(sealed.secretCiphertext, 'base64')), decipher.final()]));
}
