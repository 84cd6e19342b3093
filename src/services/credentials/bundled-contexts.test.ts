import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundledContexts, BUNDLED_CONTEXT_URLS } from './bundled-contexts.ts';

/**
 * The SHA-256 of each bundled context's JSON as the pinned packages ship it. A changed context
 * changes canonical forms and therefore signatures; this makes such a change a deliberate act.
 */
const PINNED: Record<(typeof BUNDLED_CONTEXT_URLS)[number], string> = {
  'https://www.w3.org/ns/credentials/v2': 'bf6fd611e6773d58f649459a45dbbb81f94e8cfd058a756644cd5a4a882c4050',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 'e407ae98563c7b4708be4c8198a7f254bc09c131afc68e73d5f90eb0a34c6f7f',
  'https://w3id.org/security/multikey/v1': '91f130b30b6705ee65dfa8f86e74922a74aaa0d5fc8bb35427ec2d607d3ad3eb',
  'https://www.w3.org/ns/did/v1': '922d86fef06acc0754ef45a4d662c51b57dcd1c9dab3bbdc8d71da81285a5270',
};

describe('bundled JSON-LD contexts', () => {
  it.each(BUNDLED_CONTEXT_URLS)('serves the pinned copy of %s', (url) => {
    const document = bundledContexts.get(url);
    expect(document).toBeDefined();
    expect(createHash('sha256').update(JSON.stringify(document)).digest('hex')).toBe(PINNED[url]);
  });

  it('serves nothing else', () => {
    expect([...bundledContexts.keys()].sort()).toEqual([...BUNDLED_CONTEXT_URLS].sort());
  });
});
