import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CsvFile } from '../../services/products/product-training.service.ts';
import { formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { PRODUCT_PATHS } from './products.paths.ts';
import { deploymentCurrencyView, organisationChoices, organisationCurrencyView } from './training-currency.view-model.ts';

const deploymentParams = z.object({ id: z.string().max(60) });
const organisationQuery = z.object({ organisation: z.string().max(60).optional() });
const UNKNOWN_ORGANISATION: FormError = { field: 'organisation', href: '#organisation', text: 'Choose an organisation you manage from the list' };

/** Sends a currency list as a download; it names staff, so no cache may keep it. */
function sendCsv(reply: FastifyReply, file: CsvFile) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

/** Managers see who using their AI products is current with the training, per deployment and across an organisation. */
export function registerTrainingCurrencyPages(app: FastifyInstance, { services }: PageDeps): void {
  const training = services.productTraining;

  app.get(PRODUCT_PATHS.deploymentCurrency(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = deploymentParams.parse(request.params);
    const currency = await training.currencyForDeployment({ viewer, deploymentId: id });
    const { deployment } = currency;
    return reply.view('products/training-currency-deployment.njk', {
      pageTitle: `Training currency: ${deployment.productName} in ${deployment.organisationName}`,
      currentSection: 'products',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'AI products', href: PRODUCT_PATHS.list },
        { text: deployment.productName, href: PRODUCT_PATHS.product(deployment.productId) },
      ],
      organisationCurrencyPath: PRODUCT_PATHS.organisationCurrency,
      ...deploymentCurrencyView(currency),
    });
  });

  app.get(PRODUCT_PATHS.deploymentCurrencyCsv(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = deploymentParams.parse(request.params);
    return sendCsv(reply, await training.exportDeploymentCurrency({ viewer, deploymentId: id }));
  });

  app.get(PRODUCT_PATHS.organisationCurrency, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisation } = organisationQuery.parse(request.query);
    // Only organisations the viewer manages are offered; the service checks the choice again.
    const managed = await services.products.deployableOrganisations({ viewer });
    const isOffered = organisation === undefined || managed.some((o) => o.id === organisation);
    const organisationId = isOffered && organisation ? organisation : viewer.organisationId;
    const currency = await training.currencyForOrganisation({ viewer, organisationId });
    const errors = isOffered ? [] : [UNKNOWN_ORGANISATION];
    return reply.status(isOffered ? 200 : 400).view('products/training-currency-organisation.njk', {
      pageTitle: `Training currency: ${currency.organisation.name}`,
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'AI products', href: PRODUCT_PATHS.list }],
      formPath: PRODUCT_PATHS.organisationCurrency,
      // One organisation needs no choosing, unless the error summary must point at the choice.
      organisationItems: managed.length > 1 || !isOffered ? organisationChoices(managed, currency.organisation.id) : [],
      ...organisationCurrencyView(currency),
      ...formErrorsView(errors),
    });
  });

  app.get(PRODUCT_PATHS.organisationCurrencyCsv, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisation } = organisationQuery.parse(request.query);
    return sendCsv(reply, await training.exportOrganisationCurrency({ viewer, organisationId: organisation ?? viewer.organisationId }));
  });
}
