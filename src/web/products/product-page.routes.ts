import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { ProductDetails } from '../../services/products/product.service.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import { indentedOptions, shareChoices, shareScopeRootId } from './product-share.ts';
import type { ShareChoice } from './product-share.ts';
import { deploymentRow, productFactRows, productListRow, versionRow } from './product-view.ts';
import { PRODUCT_PATHS } from './products.paths.ts';

export const productParams = z.object({ id: z.string().min(1).max(60) });
const DONE_MESSAGES = {
  registered: 'The product has been registered. Record its versions, then deploy it where it is used.',
  saved: 'Your changes have been saved.',
  version: 'The version has been recorded.',
  shared: 'The product has been shared. Product leads there can now deploy it, and their staff can see it.',
} as const;
export type ProductDone = keyof typeof DONE_MESSAGES;
const doneQuery = z.object({ done: z.enum(Object.keys(DONE_MESSAGES) as [ProductDone]).optional().catch(undefined) });

/** The products list, a product's page and sharing it. */
export function registerProductPages(app: FastifyInstance, { services }: PageDeps): void {
  async function organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) names.set(id, (await services.organisations.getOrganisation(id))?.name ?? 'Unknown organisation');
    return names;
  }

  /** Neighbours the product could be shared with (product-share.ts says which). */
  async function shareChoicesFor(details: ProductDetails): Promise<ShareChoice[]> {
    const ancestry = await services.organisations.listAncestry(details.product.organisationId);
    const rootId = shareScopeRootId(ancestry);
    if (!rootId) return [];
    const seeIt = new Set([details.product.organisationId, ...details.shares.map((s) => s.organisationId)]);
    return shareChoices(await services.organisations.listOrganisations(), rootId, { seeIt, skipped: new Set(ancestry.map((o) => o.id)) });
  }

  async function productPage(viewer: Viewer, details: ProductDetails, extras: { done?: ProductDone; errors?: FormError[]; shareWith?: string } = {}) {
    const { product, versions, canManage } = details;
    const { index } = services.assessmentFramework();
    const owner = (await organisationNames([product.organisationId])).get(product.organisationId) ?? '';
    const managedIds = new Set((await services.products.deployableOrganisations({ viewer })).map((o) => o.id));
    const modules = canManage ? await Promise.all(versions.map((v) => services.productTraining.getModuleDraft({ viewer, productId: product.id, productVersionId: v.id }))) : [];
    return {
      pageTitle: product.name,
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'AI products', href: PRODUCT_PATHS.list }],
      paths: PRODUCT_PATHS,
      product,
      canManage,
      canDeploy: managedIds.size > 0,
      facts: productFactRows(product, owner),
      versions: versions.map((v, i) => versionRow(index, product.id, v, canManage ? { exists: Boolean(modules[i]?.module) } : undefined)),
      deployments: details.deployments.map((d) => deploymentRow(d, versions, managedIds.has(d.organisationId))),
      shares: details.shares,
      shareItems: canManage ? indentedOptions(await shareChoicesFor(details), extras.shareWith ?? '', 'Choose an organisation') : [],
      doneMessage: extras.done ? DONE_MESSAGES[extras.done] : undefined,
      ...formErrorsView(extras.errors ?? []),
    };
  }

  app.get(PRODUCT_PATHS.list, async (request, reply) => {
    const viewer = requireViewer(request);
    const products = await services.products.listProducts({ viewer });
    const owners = await organisationNames(products.map((p) => p.organisationId));
    const isManager = services.products.canRegister(viewer);
    return reply.view('products/product-list.njk', {
      pageTitle: 'AI products',
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      paths: PRODUCT_PATHS,
      canRegister: isManager,
      isManager,
      products: products.map((p) => productListRow(p, owners.get(p.organisationId) ?? '')),
    });
  });

  app.get(PRODUCT_PATHS.product(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    const { done } = doneQuery.parse(request.query);
    const details = await services.products.getProduct({ viewer, id });
    return reply.view('products/product.njk', await productPage(viewer, details, { done }));
  });

  app.post(PRODUCT_PATHS.shares(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    const details = await services.products.getProduct({ viewer, id });
    if (!details.canManage) throw new AppError('forbidden', 'Only an AI product lead or admin of the organisation that owns this product can share it.');
    const organisationId = textOf(fieldsOf(request.body).organisationId, 60);
    // Only the neighbours offered: the service would share with any organisation at all.
    if (!(await shareChoicesFor(details)).some((c) => c.id === organisationId)) {
      const message = organisationId === '' ? 'Choose an organisation to share it with' : 'Choose an organisation from the list';
      const errors = [{ field: 'organisationId', href: '#organisationId', text: message }];
      return reply.status(400).view('products/product.njk', await productPage(viewer, details, { errors, shareWith: organisationId }));
    }
    await services.products.shareProduct({ viewer, productId: id, organisationId });
    return reply.redirect(`${PRODUCT_PATHS.product(id)}?done=shared`, 303);
  });
}
