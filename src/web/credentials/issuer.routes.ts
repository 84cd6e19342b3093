import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { PageDeps } from '../index.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { dateTimeText } from '../organisation/organisation-view.ts';
import { requireViewer } from '../session.plugin.ts';
import type { Viewer } from '../../services/identity/viewer.ts';

export const ISSUER_PAGE_PATH = '/organisation/credentials';
const ROTATE_PATH = `${ISSUER_PAGE_PATH}/rotate-key`;
const WITHDRAW_PATH = `${ISSUER_PAGE_PATH}/withdraw-key`;
const revokePath = (id: string) => `${ISSUER_PAGE_PATH}/${id}/revoke`;

const issuerQuery = z.object({ organisationId: z.string().max(60), done: z.enum(['rotated', 'revoked', 'withdrawn']).optional() });
const rotateForm = z.object({ organisationId: z.string().max(60), compromised: z.union([z.literal('yes'), z.array(z.string())]).optional() });
const withdrawForm = z.object({ organisationId: z.string().max(60), verificationMethodId: z.string().max(300) });
const revokeQuery = z.object({ organisationId: z.string().max(60) });
const revokeForm = z.object({ organisationId: z.string().max(60), reason: z.string().max(2000).optional() });
const idParams = z.object({ id: z.string().max(60) });
const KEY_STATUS = { active: 'Signing new credentials', retired: 'Retired: still verifies what it signed', compromised: 'Compromised: withdrawn' } as const;
const DONE = { rotated: 'A new signing key is in use.', revoked: 'The credential is revoked. Anyone who checks it is told so.', withdrawn: 'The key is withdrawn. What it signed no longer verifies.' } as const;

/** An organisation's Open Badges issuer for its admins: the published profile, keys, rotation and revocation. */
export function registerIssuerPages(app: FastifyInstance, { services }: PageDeps): void {
  const admin = services.credentials.issuerAdmin;

  async function overviewView(viewer: Viewer, organisationId: string) {
    const overview = await admin.getIssuerOverview({ viewer, organisationId });
    return {
      currentSection: 'organisation',
      organisation: overview.organisation,
      issuerUrl: overview.issuerUrl,
      keys: overview.keys.map((k) => ({ id: k.verificationMethodId.split('#')[1] ?? k.verificationMethodId, verificationMethodId: k.verificationMethodId, isRetired: k.status === 'retired', status: KEY_STATUS[k.status], created: dateTimeText(k.createdAt) })),
      credentials: overview.credentials.map((c) => ({ ...c, issued: dateTimeText(c.issuedAt), revoked: c.revokedAt ? dateTimeText(c.revokedAt) : null, revokePath: `${revokePath(c.id)}?organisationId=${organisationId}` })),
    };
  }

  app.get(ISSUER_PAGE_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId, done } = issuerQuery.parse(request.query);
    const view = await overviewView(viewer, organisationId);
    return reply.view('credentials/issuer.njk', { pageTitle: `Credentials issued by ${view.organisation.name}`, ...view, done: done ? DONE[done] : null });
  });

  app.post(ROTATE_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = rotateForm.parse(request.body ?? {});
    await admin.rotateIssuerKey({ viewer, organisationId: form.organisationId, compromised: form.compromised !== undefined });
    return reply.redirect(`${ISSUER_PAGE_PATH}?organisationId=${encodeURIComponent(form.organisationId)}&done=rotated`, 303);
  });

  app.post(WITHDRAW_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = withdrawForm.parse(request.body ?? {});
    await admin.withdrawKey({ viewer, organisationId: form.organisationId, verificationMethodId: form.verificationMethodId });
    return reply.redirect(`${ISSUER_PAGE_PATH}?organisationId=${encodeURIComponent(form.organisationId)}&done=withdrawn`, 303);
  });

  const revokeView = async (viewer: Viewer, organisationId: string, credentialId: string, reason = '', errors: FormError[] = []) => {
    const view = await overviewView(viewer, organisationId);
    const credential = view.credentials.find((c) => c.id === credentialId);
    if (!credential) return undefined;
    return { pageTitle: `${errors.length ? 'Error: ' : ''}Revoke a credential`, ...view, credential, formPath: revokePath(credentialId), backPath: `${ISSUER_PAGE_PATH}?organisationId=${organisationId}`, values: { reason }, ...formErrorsView(errors) };
  };

  app.get(revokePath(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId } = revokeQuery.parse(request.query);
    const view = await revokeView(viewer, organisationId, idParams.parse(request.params).id);
    if (!view) throw new AppError('not_found', 'There is no such credential among the organisation’s recent ones.');
    return reply.view('credentials/revoke.njk', view);
  });

  app.post(revokePath(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const form = revokeForm.parse(request.body ?? {});
    try {
      await services.credentials.learnerCredentials.revokeCredential({ viewer, credentialId: id, reason: form.reason ?? '' });
      return reply.redirect(`${ISSUER_PAGE_PATH}?organisationId=${encodeURIComponent(form.organisationId)}&done=revoked`, 303);
    } catch (error) {
      const errors = formErrorsFromAppError(error, { reason: 'reason', '': 'reason' });
      const view = errors ? await revokeView(viewer, form.organisationId, id, form.reason ?? '', errors) : undefined;
      if (!view) throw error;
      return reply.status(400).view('credentials/revoke.njk', view);
    }
  });
}
