import { readFileSync } from 'node:fs';
import { frameworkDocumentSchema } from '../../domain/framework/framework-document.ts';
import { indexFramework } from '../../domain/framework/framework-index.ts';

/** The bundled framework, indexed, for the catalogue's unit tests. */
export const dartEd = indexFramework(frameworkDocumentSchema.parse(JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'))));
