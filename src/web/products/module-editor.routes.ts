import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';

/** Embedders author each product version's training module and knowledge check, then publish it. */
export function registerModuleEditorPages(_app: FastifyInstance, _deps: PageDeps): void {}
