import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import {
  deploymentChangeRequest,
  deploymentUserParams,
  idParams,
  linkUserRequest,
  shareRequest,
  toDeploymentJson,
  toDeploymentUserJson,
  toDetailsJson,
  toProductJson,
  toVersionJson,
  productUpdateRequest,
} from './product.schemas.ts';

/** AI products, versions, deployments and their users: /api/v1/products, /api/v1/deployments, /api/v1/me/products. */
export function registerProductApi(app: FastifyInstance, { services }: { services: Services }): void {
  const { products } = services;

  app.get('/api/v1/products', async (request) => {
    const viewer = requireViewer(request);
    return { products: (await products.listProducts({ viewer })).map(toProductJson) };
  });

  app.post('/api/v1/products', async (request, reply) => {
    const viewer = requireViewer(request);
    return reply.status(201).send(toProductJson(await products.registerProduct({ viewer, input: request.body ?? {} })));
  });

  app.get('/api/v1/products/:id', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    return toDetailsJson(await products.getProduct({ viewer, id }));
  });

  app.put('/api/v1/products/:id', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { version } = productUpdateRequest.pick({ version: true }).parse(request.body ?? {});
    return toProductJson(await products.updateProduct({ viewer, id, version, input: request.body ?? {} }));
  });

  app.post('/api/v1/products/:id/versions', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    return reply.status(201).send(toVersionJson(await products.addVersion({ viewer, productId: id, input: request.body ?? {} })));
  });

  app.post('/api/v1/products/:id/shares', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { organisationId } = shareRequest.parse(request.body ?? {});
    await products.shareProduct({ viewer, productId: id, organisationId });
    return reply.status(204).send();
  });

  app.post('/api/v1/products/:id/deployments', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    return reply.status(201).send(toDeploymentJson(await products.createDeployment({ viewer, productId: id, input: request.body ?? {} })));
  });

  app.patch('/api/v1/deployments/:id', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const change = deploymentChangeRequest.parse(request.body ?? {});
    return toDeploymentJson(await products.changeDeployment({ viewer, deploymentId: id, ...change }));
  });

  app.get('/api/v1/deployments/:id/users', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { users } = await products.getDeployment({ viewer, deploymentId: id });
    return { users: users.map(toDeploymentUserJson) };
  });

  app.post('/api/v1/deployments/:id/users', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { personId } = linkUserRequest.parse(request.body ?? {});
    await products.linkUser({ viewer, deploymentId: id, personId });
    return reply.status(204).send();
  });

  app.post('/api/v1/deployments/:id/users/bulk', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    return products.assignInBulk({ viewer, deploymentId: id, input: request.body ?? {} });
  });

  app.delete('/api/v1/deployments/:id/users/:personId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, personId } = deploymentUserParams.parse(request.params);
    await products.unlinkUser({ viewer, deploymentId: id, personId });
    return reply.status(204).send();
  });

  app.get('/api/v1/me/products', async (request) => {
    const viewer = requireViewer(request);
    const mine = await products.listMyDeployments({ viewer });
    return { deployments: mine.map(({ link, deployment }) => ({ ...toDeploymentJson(deployment), linkedAt: link.linkedAt.toISOString(), dueBy: link.dueBy?.toISOString() ?? null })) };
  });
}
