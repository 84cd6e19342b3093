import { createHash } from 'node:crypto';
import type { AssuranceRepository, ReviewRecord } from '../../db/assurance.repository.ts';
import type { SupplierLinkRepository, SupplierLinkRow } from '../../db/assurance-supplier.repository.ts';
import type { SignInLimitRepository } from '../../db/sign-in-limit.repository.ts';
import { sourceKeyOf } from '../../domain/people/sign-in-limits.ts';
import { hashSupplierToken } from './supplier-responses.ts';

/**
 * Requests with a supplier token, counted per link and per network source in the sign-in limits'
 * shared counters (keyed apart from them). A supplier saving page by page stays far below these;
 * someone guessing tokens or hammering one link does not.
 */
export const SUPPLIER_LINK_LIMITS = {
  link: { threshold: 120, windowMs: 10 * 60 * 1000 },
  // Generous: a supplier's whole office may share one address.
  source: { threshold: 300, windowMs: 10 * 60 * 1000 },
} as const;

/** What a token opens: the review's questionnaire (open, or read-only once submitted), or nothing. */
export type SupplierLinkState = 'open' | 'submitted' | 'unknown' | 'expired' | 'revoked' | 'closed' | 'limited';
export type ResolvedLink = { state: 'open' | 'submitted'; link: SupplierLinkRow; review: ReviewRecord } | { state: Exclude<SupplierLinkState, 'open' | 'submitted'> };

const keyOf = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

export interface SupplierLinkGateDeps {
  supplierLinkRepository: Pick<SupplierLinkRepository, 'findByTokenHash'>;
  assuranceRepository: Pick<AssuranceRepository, 'findReview'>;
  signInLimitRepository: Pick<SignInLimitRepository, 'countFailure'>;
  now: () => Date;
}

/** Decides what a supplier token opens, counting the request against the limits first. */
export function createSupplierLinkGate(deps: SupplierLinkGateDeps) {
  async function isWithinLimits(tokenHash: string, ip: string, at: Date): Promise<boolean> {
    const within = await Promise.all(
      (['link', 'source'] as const).map(async (scope) => {
        const key = scope === 'link' ? keyOf('supplier-link', tokenHash) : keyOf('supplier-source', sourceKeyOf(ip));
        const { threshold, windowMs } = SUPPLIER_LINK_LIMITS[scope];
        return (await deps.signInLimitRepository.countFailure(key, at, new Date(at.getTime() - windowMs))) <= threshold;
      }),
    );
    return within.every(Boolean);
  }

  return async function resolveLink(token: string, ip: string): Promise<ResolvedLink> {
    const at = deps.now();
    const tokenHash = hashSupplierToken(token);
    if (!(await isWithinLimits(tokenHash, ip, at))) return { state: 'limited' };
    const link = await deps.supplierLinkRepository.findByTokenHash(tokenHash);
    if (!link) return { state: 'unknown' };
    if (link.revokedAt) return { state: 'revoked' };
    if (link.expiresAt <= at) return { state: 'expired' };
    const review = await deps.assuranceRepository.findReview(link.reviewId);
    if (!review) return { state: 'unknown' };
    if (review.status === 'decided') return { state: 'closed' };
    return { state: link.submittedAt ? 'submitted' : 'open', link, review };
  };
}

export type ResolveSupplierLink = ReturnType<typeof createSupplierLinkGate>;
