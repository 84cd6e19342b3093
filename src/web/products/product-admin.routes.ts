import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { registerDeploymentPages } from './deployment-pages.routes.ts';
import { registerProductEditorPages } from './product-editor.routes.ts';
import { registerProductPages } from './product-page.routes.ts';
import { registerProductVersionPages } from './product-version.routes.ts';

/** Product leads' pages: register and edit products, record versions, deploy, share and assign users. */
export function registerProductAdminPages(app: FastifyInstance, deps: PageDeps): void {
  registerProductPages(app, deps);
  registerProductEditorPages(app, deps);
  registerProductVersionPages(app, deps);
  registerDeploymentPages(app, deps);
}
