import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { linkableOptions, myProductView } from './my-products.view-model.ts';
import { PRODUCT_PATHS } from './products.paths.ts';
import { registerTakeModulePages } from './take-module.routes.ts';
import { registerTrainingCurrencyPages } from './training-currency.routes.ts';
import { PERSONAL_PAGE } from '../personal-page-cache.ts';

const DONE_MESSAGES = {
  added: 'The product has been added to your list. Take its training before you rely on it.',
  removed: 'The product has been removed from your list. Your training records are kept.',
} as const;
const doneQuery = z.object({ done: z.enum(['added', 'removed']).optional().catch(undefined) });
const addForm = z.object({ deploymentId: z.string().max(60).optional() });
const removeParams = z.object({ deploymentId: z.string().max(60) });
const CHOOSE_A_PRODUCT: FormError = { field: 'deploymentId', href: '#deploymentId', text: 'Choose a product you use from the list' };

/** Users' pages: "Your AI products", taking a module's training and check; managers' currency views. */
export function registerMyProductPages(app: FastifyInstance, deps: PageDeps): void {
  const { services } = deps;

  async function renderMyProducts(reply: FastifyReply, viewer: Viewer, extras: { doneMessage?: string; selectedId?: string; errors?: FormError[] } = {}) {
    const [mine, linkable] = await Promise.all([services.productTraining.myProducts({ viewer }), services.products.listLinkableDeployments({ viewer })]);
    return reply.view('products/my-products.njk', {
      pageTitle: 'Your AI products',
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'AI products', href: PRODUCT_PATHS.list }],
      products: mine.map(myProductView),
      linkableItems: linkable.length > 0 ? linkableOptions(linkable, extras.selectedId) : [],
      addPath: PRODUCT_PATHS.mine,
      currencyPath: services.products.canRegister(viewer) ? PRODUCT_PATHS.organisationCurrency : undefined,
      doneMessage: extras.doneMessage,
      // With nothing left to add there is no list to link to: problems link to the section instead.
      ...formErrorsView(linkable.length > 0 ? (extras.errors ?? []) : (extras.errors ?? []).map((e) => ({ ...e, href: '#add-product' }))),
    });
  }

  app.get(PRODUCT_PATHS.mine, PERSONAL_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const { done } = doneQuery.parse(request.query);
    return renderMyProducts(reply, viewer, { doneMessage: done ? DONE_MESSAGES[done] : undefined });
  });

  app.post(PRODUCT_PATHS.mine, async (request, reply) => {
    const viewer = requireViewer(request);
    const { deploymentId } = addForm.parse(request.body ?? {});
    if (!deploymentId) return renderMyProducts(reply.status(400), viewer, { errors: [CHOOSE_A_PRODUCT] });
    try {
      await services.products.linkUser({ viewer, deploymentId, personId: viewer.personId });
    } catch (error) {
      // A deployment withdrawn since the list was shown, or one not where they work, is a choice to make again.
      if (!(error instanceof AppError) || (error.code !== 'not_found' && error.code !== 'invalid')) throw error;
      return renderMyProducts(reply.status(400), viewer, { errors: [CHOOSE_A_PRODUCT] });
    }
    return reply.redirect(`${PRODUCT_PATHS.mine}?done=added`, 303);
  });

  app.post(PRODUCT_PATHS.removeMine(':deploymentId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { deploymentId } = removeParams.parse(request.params);
    await services.products.unlinkUser({ viewer, deploymentId, personId: viewer.personId });
    return reply.redirect(`${PRODUCT_PATHS.mine}?done=removed`, 303);
  });

  registerTakeModulePages(app, deps);
  registerTrainingCurrencyPages(app, deps);
}
