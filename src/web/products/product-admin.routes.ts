import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';

/** Product leads' pages: register and edit products, record versions, deploy, share and assign users. */
export function registerProductAdminPages(_app: FastifyInstance, _deps: PageDeps): void {}
