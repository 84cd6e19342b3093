/**
 * Where to go after signing in. Only a path on this hub: anything else (another host, a
 * protocol-relative `//host`, a backslash trick) would make sign-in an open redirect. Only
 * printable ASCII is kept: browsers drop tabs and newlines from a Location (so `/<tab>/host` is
 * `//host`), and Node refuses a header holding a newline or a character beyond Latin-1.
 */
export function safeReturnPath(candidate: string | undefined): string {
  if (!candidate || !/^\/[\x21-\x7e]*$/.test(candidate) || candidate.startsWith('//') || candidate.includes('\\')) return '/';
  if (candidate.startsWith('/sign-in') || candidate.startsWith('/sign-out')) return '/';
  return candidate;
}
