import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSha256, verifyingDigest } from './file-store.ts';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pieces = [Buffer.from('first '), Buffer.from('second '), Buffer.from('last')];

/** Writes pieces through the verifier, collecting every byte a reader was given. */
async function readThrough(expected: string) {
  const received: Buffer[] = [];
  const verifier = verifyingDigest(expected);
  verifier.on('data', (chunk: Buffer) => received.push(chunk));
  const outcome = new Promise<string>((resolve) => {
    verifier.once('end', () => resolve('ok'));
    verifier.once('error', (error) => resolve(error.message));
  });
  for (const piece of pieces) verifier.write(piece);
  verifier.end();
  return { outcome: await outcome, received: Buffer.concat(received).toString() };
}

describe('verifyingDigest', () => {
  it('passes content that matches its digest through whole', async () => {
    expect(await readThrough(sha256Of(Buffer.concat(pieces)))).toEqual({ outcome: 'ok', received: 'first second last' });
  });

  it('fails content that does not match, holding back its last chunk so no reader gets all of it', async () => {
    const wrong = sha256Of(Buffer.from('something else'));
    expect(await readThrough(wrong)).toEqual({ outcome: `stored content ${wrong} hashes to ${sha256Of(Buffer.concat(pieces))}`, received: 'first second ' });
  });

  it.each([
    ['a'.repeat(64), true],
    ['A'.repeat(64), false],
    ['a'.repeat(63), false],
    ['../../etc/passwd', false],
  ])('isSha256(%s) is %s', (value, expected) => {
    expect(isSha256(value)).toBe(expected);
  });
});
