import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ResolvedLink, SupplierLinkState } from '../../services/assurance/supplier-link-gate.ts';
import type { OpenLink, ReadableLink } from '../../services/assurance/supplier-portal.service.ts';
import type { Services } from '../../services/index.ts';
import { SUPPLIER_PATHS } from './supplier.paths.ts';

type Unavailable = Exclude<SupplierLinkState, 'open' | 'submitted'> | 'already-submitted';

/** Links that do not open anything get a clear page, never data: unknown ones are "not found", the rest are gone for good. */
const UNAVAILABLE: Record<Unavailable, { status: number; pageTitle: string; body: string }> = {
  unknown: { status: 404, pageTitle: 'This link is not valid', body: 'Check that you copied the whole link from the email or message you were sent. If it still does not work, ask the person who sent it for a new one.' },
  expired: { status: 410, pageTitle: 'This link has expired', body: 'Links to answer a review’s questions work for a limited time. Ask the person who sent it for a new one. Answers you saved are kept.' },
  revoked: { status: 410, pageTitle: 'This link has been withdrawn', body: 'The organisation that sent it has withdrawn it. Ask the person who sent it if you still need to answer. Answers you saved are kept.' },
  closed: { status: 410, pageTitle: 'This review has been decided', body: 'The organisation has made its decision, so its questions can no longer be answered. Thank you for your answers.' },
  limited: { status: 429, pageTitle: 'Too many requests', body: 'This link has been used too often in the last few minutes. Wait 10 minutes, then try again. Nothing you saved has been lost.' },
  'already-submitted': { status: 410, pageTitle: 'You have already submitted your answers', body: 'Submitted answers cannot be changed through this link. If you need to change them, ask the organisation for a new link.' },
};

const tokenParam = z.object({ token: z.string().min(1).max(200) });

/** The token in a supplier route's address (the rest of its parameters are the route's own). */
export const tokenOf = (request: FastifyRequest): string => tokenParam.parse(request.params).token;

export function renderUnavailable(reply: FastifyReply, state: Unavailable, token?: string) {
  const page = UNAVAILABLE[state];
  return reply.status(page.status).view('assurance-supplier/unavailable.njk', { pageTitle: page.pageTitle, body: page.body, readPath: state === 'already-submitted' && token ? SUPPLIER_PATHS.questionnaire(token) : undefined });
}

/** The token is in the address: no page of it may pass it on to another site. */
export const keepTokenPrivate = (reply: FastifyReply) => reply.header('referrer-policy', 'no-referrer');

export function createLinkOpener(services: Services) {
  // A token no link could have (too long) is simply unknown: it still counts against the address's limit.
  const resolve = (request: FastifyRequest): Promise<ResolvedLink> => {
    const parsed = tokenParam.safeParse(request.params);
    return services.assuranceSupplier.resolveLink(parsed.success ? parsed.data.token : '', request.ip);
  };
  return {
    /** Runs `work` for a link that opens its review (open or submitted), or shows why it does not. */
    async reading(request: FastifyRequest, reply: FastifyReply, work: (opened: ReadableLink, token: string) => Promise<unknown>) {
      keepTokenPrivate(reply);
      const resolved = await resolve(request);
      if (resolved.state !== 'open' && resolved.state !== 'submitted') return renderUnavailable(reply, resolved.state);
      return work(resolved, tokenOf(request));
    },
    /** Runs `work` for a link that may still change answers. */
    async writing(request: FastifyRequest, reply: FastifyReply, work: (opened: OpenLink, token: string) => Promise<unknown>) {
      keepTokenPrivate(reply);
      const resolved = await resolve(request);
      if (resolved.state === 'submitted') return renderUnavailable(reply, 'already-submitted', tokenOf(request));
      if (resolved.state !== 'open') return renderUnavailable(reply, resolved.state);
      return work(resolved as OpenLink, tokenOf(request));
    },
  };
}

/**
 * For upload routes: checks the link before the body is read, so a file is only received for a
 * link that may still change answers (the route checks again, and counts, as every route does).
 */
export function checkLinkBeforeUpload(services: Services) {
  return async (request: FastifyRequest) => {
    const parsed = tokenParam.safeParse(request.params);
    if (!parsed.success) return;
    const resolved = await services.assuranceSupplier.resolveLink(parsed.data.token, request.ip);
    request.supplierLinkChecked = resolved.state === 'open';
  };
}
