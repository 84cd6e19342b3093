import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ProductRow } from '../../db/product.repository.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { takeParkedForm } from '../resume-form.ts';
import { requireViewer } from '../session.plugin.ts';
import { autonomyItems, clinicalDecisionItems, EMPTY_PRODUCT_FORM, PRODUCT_FORM_SECTIONS, productFormErrors, productFormValuesOf, productInputOf, valuesFromProduct } from './product-form.ts';
import type { ProductFormValues } from './product-form.ts';
import { problemsOfInvalid } from './product-form-fields.ts';
import { productParams } from './product-page.routes.ts';
import { PRODUCT_PATHS } from './products.paths.ts';

const TEMPLATE = 'products/product-form.njk';

interface FormPage {
  product?: ProductRow;
  values: ProductFormValues;
  errors?: FormError[];
  conflict?: boolean;
  resumed?: boolean;
}

/** Registering a product and editing it: one form, with the product's version carried to catch a colleague's change. */
export function registerProductEditorPages(app: FastifyInstance, { services }: PageDeps): void {
  function renderForm(reply: FastifyReply, { product, values, errors = [], conflict, resumed }: FormPage) {
    const heading = product ? `Edit ${product.name}` : 'Register an AI product';
    return reply.view(TEMPLATE, {
      pageTitle: heading,
      heading,
      currentSection: 'products',
      backPath: product ? PRODUCT_PATHS.product(product.id) : PRODUCT_PATHS.list,
      productPath: product ? PRODUCT_PATHS.product(product.id) : undefined,
      formPath: product ? PRODUCT_PATHS.edit(product.id) : PRODUCT_PATHS.register,
      submitText: product ? 'Save changes' : 'Register product',
      values,
      conflict,
      resumed,
      sections: PRODUCT_FORM_SECTIONS,
      clinicalDecisionItems: clinicalDecisionItems(values.clinicalDecisionMaking),
      autonomyItems: autonomyItems(values.autonomy),
      ...formErrorsView(errors),
    });
  }

  const editableProduct = (viewer: Viewer, id: string): Promise<ProductRow> => services.products.getManagedProduct({ viewer, id });

  function requireRegistrar(viewer: Viewer): void {
    if (!services.products.canRegister(viewer)) throw new AppError('forbidden', 'Only AI product leads and organisation admins can register AI products.');
  }

  app.get(PRODUCT_PATHS.register, async (request, reply) => {
    const viewer = requireViewer(request);
    requireRegistrar(viewer);
    const parked = await takeParkedForm(request, reply, PRODUCT_PATHS.register, services.sessions);
    return renderForm(reply, { values: parked ? productFormValuesOf(parked) : EMPTY_PRODUCT_FORM, resumed: Boolean(parked) });
  });

  app.post(PRODUCT_PATHS.register, async (request, reply) => {
    const viewer = requireViewer(request);
    requireRegistrar(viewer);
    const values = productFormValuesOf(request.body);
    let created: ProductRow;
    try {
      created = await services.products.registerProduct({ viewer, input: productInputOf(values) });
    } catch (error) {
      return renderForm(reply.status(400), { values, errors: productFormErrors(problemsOfInvalid(error)) });
    }
    return reply.redirect(`${PRODUCT_PATHS.product(created.id)}?done=registered`, 303);
  });

  app.get(PRODUCT_PATHS.edit(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    const product = await editableProduct(viewer, id);
    const parked = await takeParkedForm(request, reply, PRODUCT_PATHS.edit(id), services.sessions);
    return renderForm(reply, { product, values: parked ? productFormValuesOf(parked) : valuesFromProduct(product), resumed: Boolean(parked) });
  });

  app.post(PRODUCT_PATHS.edit(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = productParams.parse(request.params);
    const product = await editableProduct(viewer, id);
    const values = productFormValuesOf(request.body);
    try {
      await services.products.updateProduct({ viewer, id, version: /^\d{1,9}$/.test(values.version) ? Number(values.version) : 0, input: productInputOf(values) });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') {
        // The form now carries the current version, so saving again is a deliberate choice to replace it.
        const current = await editableProduct(viewer, id);
        const errors = [{ field: '', href: '#product-form', text: error.message }];
        return renderForm(reply.status(409), { product: current, values: { ...values, version: String(current.version) }, errors, conflict: true });
      }
      return renderForm(reply.status(400), { product, values, errors: productFormErrors(problemsOfInvalid(error)) });
    }
    return reply.redirect(`${PRODUCT_PATHS.product(id)}?done=saved`, 303);
  });
}
