import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { LrsKeyView } from '../../services/xapi/lrs-key.service.ts';
import { XAPI_PREFIX } from '../../xapi/xapi.plugin.ts';
import { formatDateTime } from '../dates.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';

export const LRS_KEYS_PATH = '/organisation/lrs-keys';

const keysQuery = z.object({ organisationId: z.guid(), revoked: z.literal('1').optional() });
const issueForm = z.object({ organisationId: z.guid(), platform: z.string().max(500).optional() });
const revokeForm = z.object({ organisationId: z.guid(), keyId: z.guid() });

/** A key as the page lists it. */
function keyRow(key: LrsKeyView) {
  return {
    id: key.id,
    platform: key.platform,
    keyName: key.keyName,
    issued: formatDateTime(key.createdAt),
    lastUsed: key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never',
    revoked: key.revokedAt ? formatDateTime(key.revokedAt) : null,
  };
}

/**
 * Keys learning platforms send xAPI statements with (issue 16 §1): an organisation admin issues one
 * per platform, sees its secret once, and revokes it when the platform no longer reports here.
 */
export function registerLrsKeyPages(app: FastifyInstance, { services }: PageDeps): void {
  const endpoint = `${services.baseUrl.replace(/\/$/, '')}${XAPI_PREFIX}`;

  async function page(viewer: Viewer, organisationId: string, extra: { platform?: string; errors?: FormError[]; issued?: { keyName: string; secret: string; platform: string }; revoked?: boolean } = {}) {
    const { organisation, keys } = await services.lrsKeys.viewKeys({ viewer, organisationId });
    return {
      pageTitle: `Learning record store keys for ${organisation.name}`,
      currentSection: 'organisation',
      organisation,
      endpoint,
      keys: keys.map(keyRow),
      values: { platform: extra.platform ?? '' },
      issued: extra.issued,
      revoked: extra.revoked ?? false,
      ...formErrorsView(extra.errors ?? []),
    };
  }

  app.get(LRS_KEYS_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId, revoked } = keysQuery.parse(request.query);
    return reply.view('organisation/lrs-keys.njk', await page(viewer, organisationId, { revoked: revoked === '1' }));
  });

  // The answer shows the secret: rendered, never redirected to, and never cached (reply.view says no-store).
  app.post(LRS_KEYS_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = issueForm.parse(request.body ?? {});
    try {
      const { key, secret } = await services.lrsKeys.issueKey({ actor: { viewer }, organisationId: form.organisationId, platform: form.platform ?? '' });
      return reply.status(201).view('organisation/lrs-keys.njk', await page(viewer, form.organisationId, { issued: { keyName: key.keyName, secret, platform: key.platform } }));
    } catch (error) {
      const errors = formErrorsFromAppError(error);
      if (errors) return reply.status(400).view('organisation/lrs-keys.njk', await page(viewer, form.organisationId, { platform: form.platform, errors }));
      throw error;
    }
  });

  app.post(`${LRS_KEYS_PATH}/revoke`, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = revokeForm.parse(request.body ?? {});
    const key = await services.lrsKeys.revokeKey({ actor: { viewer }, keyId: form.keyId, organisationId: form.organisationId });
    return reply.redirect(`${LRS_KEYS_PATH}?organisationId=${key.organisationId}&revoked=1`, 303);
  });
}
