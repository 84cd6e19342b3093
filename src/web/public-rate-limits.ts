/**
 * Limits on public routes that do costly work for anyone (checking a credential canonicalises
 * JSON-LD and checks a signature): per network address, per process. Sign-in has its own limits,
 * kept in the database (services/identity/sign-in-limits.service.ts).
 */
export const PUBLIC_VERIFY_RATE_LIMIT = { config: { rateLimit: { max: 30, timeWindow: 60_000 } } } as const;
