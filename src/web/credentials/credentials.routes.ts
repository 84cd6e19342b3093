import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { VerificationReport } from '../../services/credentials/credential-verification.ts';
import type { PageDeps } from '../index.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import { dateTimeText } from '../organisation/organisation-view.ts';
import { PERSONAL_PAGE } from '../personal-page-cache.ts';
import { PUBLIC_VERIFY_RATE_LIMIT } from '../public-rate-limits.ts';
import { requireViewer } from '../session.plugin.ts';

export const MY_CREDENTIALS_PATH = '/credentials';
export const VERIFY_PATH = '/verify';
/** Largest pasted credential the page reads (the API's limit too). */
const VERIFY_BODY_LIMIT = 256 * 1024;
const KIND_TEXT = { 'product-module': 'Product training', 'topic-level': 'Verified level', 'journey-template': 'Learning journey' } as const;
const verifyForm = z.object({ credential: z.string().max(VERIFY_BODY_LIMIT).optional() });

/** What the verify page shows of a report, in words. */
function reportView(report: VerificationReport) {
  return {
    verified: report.verified,
    name: report.name ?? 'Unnamed credential',
    rows: [
      { key: 'Signature', value: { valid: 'Valid', invalid: 'Not valid', 'not-checked': 'Not checked' }[report.signature] },
      { key: 'Issuer', value: report.issuer.known ? (report.issuer.name ?? report.issuer.id ?? '') : `Not issued by this hub (${report.issuer.id ?? 'no issuer'})` },
      { key: 'Status', value: { active: 'Not revoked', revoked: 'Revoked', 'not-checked': 'Not checked' }[report.status] },
    ],
    problems: report.problems,
  };
}

/** A learner's Open Badges credentials, and the public page that checks one. */
export function registerCredentialPages(app: FastifyInstance, { services }: PageDeps): void {
  const credentials = services.credentials;

  // Only the viewer's own credentials; issuing one bumps their view stamp (trigger on issued_credentials).
  app.get(MY_CREDENTIALS_PATH, PERSONAL_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const list = await credentials.learnerCredentials.listMyCredentials({ viewer });
    return reply.view('credentials/my-credentials.njk', {
      pageTitle: 'Your credentials',
      currentSection: 'credentials',
      credentials: list.map((c) => ({ name: c.name, kind: KIND_TEXT[c.kind], issued: dateTimeText(c.issuedAt), revoked: c.revokedAt ? dateTimeText(c.revokedAt) : null, downloadPath: `/api/v1/me/credentials/${c.id}` })),
    });
  });

  app.get(VERIFY_PATH, async (_request, reply) => reply.view('credentials/verify.njk', { pageTitle: 'Check a credential', values: { credential: '' }, ...formErrorsView([]) }));

  app.post(VERIFY_PATH, { bodyLimit: VERIFY_BODY_LIMIT, ...PUBLIC_VERIFY_RATE_LIMIT }, async (request, reply) => {
    const values = { credential: verifyForm.parse(request.body ?? {}).credential ?? '' };
    try {
      const report = await credentials.verifyPresentedCredential(values.credential);
      return reply.view('credentials/verify.njk', { pageTitle: report.verified ? 'Credential verified' : 'Credential not verified', values, report: reportView(report), ...formErrorsView([]) });
    } catch (error) {
      const errors = formErrorsFromAppError(error, { credential: 'credential' });
      if (!errors) throw error;
      return reply.status(400).view('credentials/verify.njk', { pageTitle: 'Error: Check a credential', values, ...formErrorsView(errors) });
    }
  });
}
