import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';

export const SIGN_IN_SETTINGS_PATH = '/organisation/sign-in-settings';

const settingsQuery = z.object({ organisationId: z.guid(), saved: z.literal('1').optional() });
const settingsForm = z.object({
  organisationId: z.guid(),
  odsCode: z.string().max(20).optional(),
  cis2CreateAccounts: z.union([z.literal('yes'), z.array(z.string())]).optional(),
});

interface SettingsValues {
  odsCode?: string;
  cis2CreateAccounts: boolean;
}

/** An organisation's CIS2 sign-in settings: its ODS code and whether a first sign-in creates an account. */
export function registerSignInSettingsPages(app: FastifyInstance, { services }: PageDeps): void {
  async function page(viewer: Viewer, organisationId: string, values?: SettingsValues, errors: FormError[] = [], saved = false) {
    const { organisation, canChangeOdsCode } = await services.signInSettings.getSignInSettings({ viewer, organisationId });
    return {
      pageTitle: `Sign-in settings for ${organisation.name}`,
      currentSection: 'organisation',
      organisation,
      canChangeOdsCode,
      saved,
      values: values ?? { odsCode: organisation.odsCode ?? '', cis2CreateAccounts: organisation.cis2CreateAccounts },
      ...formErrorsView(errors),
    };
  }

  app.get(SIGN_IN_SETTINGS_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId, saved } = settingsQuery.parse(request.query);
    return reply.view('organisation/sign-in-settings.njk', await page(viewer, organisationId, undefined, [], saved === '1'));
  });

  app.post(SIGN_IN_SETTINGS_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = settingsForm.parse(request.body ?? {});
    const values: SettingsValues = { odsCode: form.odsCode, cis2CreateAccounts: form.cis2CreateAccounts !== undefined };
    try {
      await services.signInSettings.updateSignInSettings({ viewer, organisationId: form.organisationId, odsCode: form.odsCode, cis2CreateAccounts: values.cis2CreateAccounts });
      return reply.redirect(`${SIGN_IN_SETTINGS_PATH}?organisationId=${form.organisationId}&saved=1`, 303);
    } catch (error) {
      const errors = formErrorsFromAppError(error);
      if (errors) return reply.status(400).view('organisation/sign-in-settings.njk', await page(viewer, form.organisationId, values, errors));
      throw error;
    }
  });
}
