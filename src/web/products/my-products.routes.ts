import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';

/** Users' pages: "Your AI products", taking a module's training and check; managers' currency views. */
export function registerMyProductPages(_app: FastifyInstance, _deps: PageDeps): void {}
