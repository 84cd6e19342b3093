import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { CsvFile } from '../../services/products/product-training.service.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { idParams } from './product.schemas.ts';
import {
  attemptParams,
  currencyQuery,
  moduleParams,
  moduleSaveRequest,
  publishRequest,
  toDeploymentCurrencyJson,
  toLearnerModuleJson,
  toModuleDraftJson,
  toMyProductJson,
  toOrganisationCurrencyJson,
} from './product-training.schemas.ts';

/** Product training: module authoring, learners' attempts, and training currency for managers. */
export function registerProductTrainingApi(app: FastifyInstance, { services }: { services: Services }): void {
  const training = services.productTraining;
  const moduleOf = (params: unknown) => {
    const { id, versionId } = moduleParams.parse(params);
    return { productId: id, productVersionId: versionId };
  };
  const sendCsv = (reply: FastifyReply, file: CsvFile) =>
    reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);

  app.get('/api/v1/products/:id/versions/:versionId/module', async (request) => {
    const viewer = requireViewer(request);
    return toModuleDraftJson(await training.getModuleDraft({ viewer, ...moduleOf(request.params) }));
  });

  app.put('/api/v1/products/:id/versions/:versionId/module', async (request) => {
    const viewer = requireViewer(request);
    const { version } = moduleSaveRequest.pick({ version: true }).parse(request.body ?? {});
    return toModuleDraftJson(await training.saveModule({ viewer, ...moduleOf(request.params), version, input: request.body ?? {} }));
  });

  app.post('/api/v1/products/:id/versions/:versionId/module/publish', async (request) => {
    const viewer = requireViewer(request);
    const { version } = publishRequest.parse(request.body ?? {});
    return toModuleDraftJson(await training.publishModule({ viewer, ...moduleOf(request.params), version }));
  });

  app.get('/api/v1/modules/:id', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    return toLearnerModuleJson(await training.getModuleForLearner({ viewer, moduleId: id }));
  });

  app.post('/api/v1/modules/:id/attempts', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    return reply.status(201).send(await training.submitAttempt({ viewer, moduleId: id, input: request.body ?? {} }));
  });

  app.get('/api/v1/modules/:id/attempts/:attemptId', async (request) => {
    const viewer = requireViewer(request);
    const { id, attemptId } = attemptParams.parse(request.params);
    return training.getAttemptResult({ viewer, moduleId: id, attemptId });
  });

  app.get('/api/v1/deployments/:id/currency', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { format } = currencyQuery.parse(request.query);
    if (format === 'csv') return sendCsv(reply, await training.exportDeploymentCurrency({ viewer, deploymentId: id }));
    return toDeploymentCurrencyJson(await training.currencyForDeployment({ viewer, deploymentId: id }));
  });

  app.get('/api/v1/organisations/:id/training-currency', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { format } = currencyQuery.parse(request.query);
    if (format === 'csv') return sendCsv(reply, await training.exportOrganisationCurrency({ viewer, organisationId: id }));
    return toOrganisationCurrencyJson(await training.currencyForOrganisation({ viewer, organisationId: id }));
  });

  app.get('/api/v1/me/product-training', async (request) => {
    const viewer = requireViewer(request);
    return { products: (await training.myProducts({ viewer })).map(toMyProductJson) };
  });
}
