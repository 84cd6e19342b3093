import type { DocumentLoader, JsonLdObject } from '@digitalbazaar/credential-types';
import { bundledContexts } from './bundled-contexts.ts';

/** Finds one of the hub's own published documents (issuer, key, status list) by URL, or null. */
export type HubDocumentSource = (url: string) => Promise<JsonLdObject | null>;

export class DocumentRefusedError extends Error {
  constructor(readonly url: string) {
    super(`documentLoader refused: ${url}`);
  }
}

/**
 * A JSON-LD document loader that never touches the network: it serves the bundled contexts and the
 * hub's own published documents, and refuses every other URL. Signing and verifying therefore give
 * the same answer offline, and a credential cannot make the hub fetch an address of its choosing.
 */
export function createDocumentLoader(hubDocuments: HubDocumentSource = async () => null): DocumentLoader {
  return async (url: string) => {
    const document = bundledContexts.get(url) ?? (await hubDocuments(url));
    if (!document) throw new DocumentRefusedError(url);
    return { contextUrl: null, documentUrl: url, document };
  };
}
