/**
 * Where to go after signing in. Only a path on this hub: anything else (another host, a
 * protocol-relative `//host`, a backslash trick) would make sign-in an open redirect.
 */
export function safeReturnPath(candidate: string | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return '/';
  if (candidate.startsWith('/sign-in') || candidate.startsWith('/sign-out')) return '/';
  return candidate;
}
