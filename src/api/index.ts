import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { registerFrameworkApi } from './v1/framework.routes.ts';

export async function registerApi(app: FastifyInstance, deps: { services: Services }): Promise<void> {
  const openApi = buildOpenApiDocument();
  app.get('/api/openapi.json', async () => openApi);
  registerFrameworkApi(app, deps);
}
