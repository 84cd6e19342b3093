import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ProductRow } from '../../db/product.repository.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { problemsOfInvalid } from './product-form-fields.ts';
import { productParams } from './product-page.routes.ts';
import { affectedTopicItems, EMPTY_VERSION_FORM, readVersionForm, trainingImpactItems, versionFormErrors, versionFormValuesOf } from './product-version-form.ts';
import type { VersionFormValues } from './product-version-form.ts';
import { PRODUCT_PATHS } from './products.paths.ts';

const TEMPLATE = 'products/product-version-form.njk';

/** Recording a release of a product and what it means for users' training. */
export function registerProductVersionPages(app: FastifyInstance, { services }: PageDeps): void {
  function renderForm(reply: FastifyReply, product: ProductRow, values: VersionFormValues, errors: FormError[] = []) {
    const { index } = services.assessmentFramework();
    return reply.view(TEMPLATE, {
      pageTitle: `Record a new version of ${product.name}`,
      currentSection: 'products',
      product,
      backPath: PRODUCT_PATHS.product(product.id),
      formPath: PRODUCT_PATHS.newVersion(product.id),
      values,
      impactItems: trainingImpactItems(values.trainingImpact),
      topicItems: affectedTopicItems(index, values.affectedTopics),
      ...formErrorsView(errors),
    });
  }

  const managedProduct = (viewer: Viewer, id: string): Promise<ProductRow> => services.products.getManagedProduct({ viewer, id });

  app.get(PRODUCT_PATHS.newVersion(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    return renderForm(reply, await managedProduct(viewer, id), EMPTY_VERSION_FORM);
  });

  app.post(PRODUCT_PATHS.newVersion(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    const product = await managedProduct(viewer, id);
    const values = versionFormValuesOf(request.body);
    const { input, errors } = readVersionForm(services.assessmentFramework().index, values);
    if (!input) return renderForm(reply.status(400), product, values, errors);
    try {
      await services.products.addVersion({ viewer, productId: id, input });
    } catch (error) {
      return renderForm(reply.status(400), product, values, versionFormErrors(problemsOfInvalid(error)));
    }
    return reply.redirect(`${PRODUCT_PATHS.product(id)}?done=version`, 303);
  });
}
