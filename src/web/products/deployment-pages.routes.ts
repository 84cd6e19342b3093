import { hasRole } from '../../services/identity/viewer.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ProductRow } from '../../db/product.repository.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { readPageNumber } from '../pagination.ts';
import { requireViewer } from '../session.plugin.ts';
import { CHANGE_FIELDS, deploymentFormErrors, deploymentFormValuesOf, emptyDeploymentForm, readDeploymentChange, readDeploymentForm, startingStatusItems } from './deployment-form.ts';
import type { DeploymentFormValues } from './deployment-form.ts';
import { deploymentPageView } from './deployment-view.ts';
import type { DeploymentPageExtras } from './deployment-view.ts';
import { orderedFormErrors, problemsOfInvalid } from './product-form-fields.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import { productParams } from './product-page.routes.ts';
import { indentedOptions } from './product-share.ts';
import { PRODUCT_PATHS } from './products.paths.ts';

const FORM_TEMPLATE = 'products/deployment-form.njk';
const PAGE_TEMPLATE = 'products/deployment.njk';
const deploymentParams = z.object({ id: z.string().min(1).max(60) });
const userParams = deploymentParams.extend({ personId: z.string().min(1).max(60) });
const doneQuery = z.object({
  done: z.enum(['created', 'changed', 'assigned', 'removed', 'bulk-assigned']).optional().catch(undefined),
  assigned: z.coerce.number().int().min(0).optional().catch(undefined),
  skipped: z.coerce.number().int().min(0).optional().catch(undefined),
});
const BULK_FIELDS = ['by', 'organisationId', 'includeBeneath', 'emails'];
const BULK_ANCHORS = { by: 'bulk', includeBeneath: 'bulk-organisationId', organisationId: 'bulk-organisationId', emails: 'emails' };

/** Deploying a product, and a deployment's own page: its status, live version and users. Managers only. */
export function registerDeploymentPages(app: FastifyInstance, { services }: PageDeps): void {
  const { products } = services;

  async function renderForm(reply: FastifyReply, viewer: Viewer, product: ProductRow, values: DeploymentFormValues, errors: FormError[] = []) {
    return reply.view(FORM_TEMPLATE, {
      pageTitle: `Deploy ${product.name}`,
      currentSection: 'products',
      product,
      backPath: PRODUCT_PATHS.product(product.id),
      formPath: PRODUCT_PATHS.newDeployment(product.id),
      values,
      organisationItems: indentedOptions(await products.deployableOrganisations({ viewer }), values.organisationId, 'Choose where it is deployed'),
      statusItems: startingStatusItems(values.status),
      ...formErrorsView(errors),
    });
  }

  /** The product, for someone who may deploy it somewhere. */
  async function deployableProduct(viewer: Viewer, id: string): Promise<ProductRow> {
    const { product } = await products.getProduct({ viewer, id });
    if (!products.canRegister(viewer)) throw new AppError('forbidden', 'Only AI product leads and organisation admins can deploy AI products.');
    return product;
  }

  async function renderPage(reply: FastifyReply, viewer: Viewer, deploymentId: string, extras: DeploymentPageExtras = {}) {
    const { deployment, users, userSlice, versions, publishedVersionIds, places, approvedReview } = await products.getDeployment({ viewer, deploymentId, usersPage: extras.usersPage ?? 1 });
    const isWithdrawn = deployment.status === 'withdrawn';
    const assignable = isWithdrawn ? [] : await products.assignablePeople({ viewer, deploymentId });
    // A withdrawn deployment shows no forms: its problems link to the section that says so.
    const shown = isWithdrawn && extras.errors ? { ...extras, errors: extras.errors.map((e) => ({ ...e, href: '#change' })) } : extras;
    return reply.view(PAGE_TEMPLATE, deploymentPageView({ deployment, users, userSlice, versions, assignable, publishedVersionIds, places, approvedReview, mayOverrideAssurance: hasRole(viewer, 'organisation-admin') }, shown));
  }

  app.get(PRODUCT_PATHS.newDeployment(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    return renderForm(reply, viewer, await deployableProduct(viewer, id), emptyDeploymentForm());
  });

  app.post(PRODUCT_PATHS.newDeployment(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    const product = await deployableProduct(viewer, id);
    const values = deploymentFormValuesOf(request.body);
    const offered = new Set((await products.deployableOrganisations({ viewer })).map((o) => o.id));
    const { input, errors } = readDeploymentForm(values, offered);
    if (!input) return renderForm(reply.status(400), viewer, product, values, errors);
    try {
      const deployment = await products.createDeployment({ viewer, productId: id, input });
      return reply.redirect(`${PRODUCT_PATHS.deployment(deployment.id)}?done=created`, 303);
    } catch (error) {
      return renderForm(reply.status(400), viewer, product, values, deploymentFormErrors(problemsOfInvalid(error)));
    }
  });

  app.get(PRODUCT_PATHS.deployment(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = deploymentParams.parse(request.params);
    const { done, assigned, skipped } = doneQuery.parse(request.query);
    const usersPage = readPageNumber(request.query);
    const counts = done === 'bulk-assigned' && assigned !== undefined ? { assigned, alreadyAssigned: skipped ?? 0 } : undefined;
    return renderPage(reply, viewer, id, { done, counts, usersPage });
  });

  app.post(PRODUCT_PATHS.deployment(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = deploymentParams.parse(request.params);
    const { versions } = await products.getDeployment({ viewer, deploymentId: id, usersPage: 1 });
    const { change, values, errors } = readDeploymentChange(request.body, versions);
    if (!change) return renderPage(reply.status(400), viewer, id, { errors, change: values });
    try {
      await products.changeDeployment({ viewer, deploymentId: id, ...change });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return renderPage(reply.status(409), viewer, id, { errors: [{ field: '', href: '#change', text: error.message }], change: values });
      const problems = orderedFormErrors(problemsOfInvalid(error), CHANGE_FIELDS, {}, 'change');
      return renderPage(reply.status(400), viewer, id, { errors: problems, change: values });
    }
    return reply.redirect(`${PRODUCT_PATHS.deployment(id)}?done=changed`, 303);
  });

  app.post(PRODUCT_PATHS.deploymentUsers(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = deploymentParams.parse(request.params);
    const personId = textOf(fieldsOf(request.body).personId, 60);
    const assignable = await products.assignablePeople({ viewer, deploymentId: id });
    // Only those offered: the service would also link people beneath the organisation who already use it.
    if (!assignable.some((p) => p.id === personId)) {
      const text = personId === '' ? 'Choose someone to assign' : 'Choose someone from the list';
      return renderPage(reply.status(400), viewer, id, { errors: [{ field: 'personId', href: '#personId', text }], assign: personId });
    }
    try {
      await products.linkUser({ viewer, deploymentId: id, personId });
    } catch (error) {
      const problems = orderedFormErrors(problemsOfInvalid(error), ['personId'], {}, 'assign');
      return renderPage(reply.status(400), viewer, id, { errors: problems, assign: personId });
    }
    return reply.redirect(`${PRODUCT_PATHS.deployment(id)}?done=assigned`, 303);
  });

  // Everyone in an organisation or team, or a pasted list of addresses (all or nothing), in one go.
  app.post(PRODUCT_PATHS.deploymentBulkUsers(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = deploymentParams.parse(request.params);
    const fields = fieldsOf(request.body);
    const bulk = { by: textOf(fields.by, 20), organisationId: textOf(fields.organisationId, 60), includeBeneath: fields.includeBeneath === 'yes', emails: textOf(fields.emails, 200_000) };
    const input = bulk.by === 'organisation' ? { by: 'organisation', organisationId: bulk.organisationId, includeBeneath: bulk.includeBeneath } : bulk.by === 'emails' ? { by: 'emails', emails: bulk.emails } : {};
    try {
      const { assigned, alreadyAssigned } = await products.assignInBulk({ viewer, deploymentId: id, input });
      return reply.redirect(`${PRODUCT_PATHS.deployment(id)}?done=bulk-assigned&assigned=${assigned}&skipped=${alreadyAssigned}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return renderPage(reply.status(409), viewer, id, { errors: [{ field: '', href: '#change', text: error.message }], bulk });
      const problems = problemsOfInvalid(error).map((p) => (p.field === '' ? { ...p, field: 'by' } : p));
      // Each bad line of a list is its own message: keep them all, in line order.
      const errors = [...orderedFormErrors(problems.filter((p) => p.field !== 'emails'), BULK_FIELDS, BULK_ANCHORS, 'bulk'), ...problems.filter((p) => p.field === 'emails').map((p) => ({ field: 'emails', href: '#emails', text: p.message }))];
      return renderPage(reply.status(400), viewer, id, { errors, bulk });
    }
  });

  app.post(PRODUCT_PATHS.removeDeploymentUser(':id', ':personId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, personId } = userParams.parse(request.params);
    // The manager's page: unlinkUser alone would also let a user remove themselves from here.
    await products.getDeployment({ viewer, deploymentId: id, usersPage: 1 });
    await products.unlinkUser({ viewer, deploymentId: id, personId });
    return reply.redirect(`${PRODUCT_PATHS.deployment(id)}?done=removed`, 303);
  });
}
