import type { FastifyServerOptions } from 'fastify';

/**
 * Paths whose segment after the prefix is a secret: a supplier's link to a review and a password
 * reset link. Anyone who reads the logs must not be able to use them.
 */
const SECRET_PATH_PREFIXES = ['/supplier/', '/sign-in/reset/'] as const;

/**
 * Query parameters that carry an OpenID Connect secret: the provider's callback (`code`, `state`)
 * anything a misbehaving client might put in a URL (tokens, assertions), and an invitation token
 * carried to the provider's sign-in (`/sign-in/nhs?invitation=`).
 */
const SECRET_QUERY_PARAMETERS = /([?&](?:code|state|id_token|id_token_hint|access_token|refresh_token|client_assertion|client_secret|code_verifier|nonce|session_state|invitation)=)[^&#]*/gi;

/** The URL as logs may show it: a secret path segment and secret query values replaced, the rest kept. */
export function redactSecretPaths(url: string): string {
  const query = url.replace(SECRET_QUERY_PARAMETERS, '$1[redacted]');
  for (const prefix of SECRET_PATH_PREFIXES) {
    if (query.startsWith(prefix)) return prefix + query.slice(prefix.length).replace(/^[^/?#]+/, '[redacted]');
  }
  return query;
}

/**
 * Keys whose values are never written, wherever a logged object carries them: the SMTP password
 * (config.mail.auth.password, nodemailer's auth.pass) should a settings object or an error reach a log.
 */
export const SECRET_LOG_KEYS = ['password', 'pass', '*.password', '*.pass', '*.*.password', '*.*.pass', '*.*.*.password'] as const;

type LoggerOption = FastifyServerOptions['logger'];
interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** The app's logger options with request URLs and secret keys redacted (Fastify logs each request's URL as it comes in). */
export function withRedactedUrls(logger: LoggerOption): LoggerOption {
  if (logger === false || logger === undefined) return logger;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    redact: { paths: [...SECRET_LOG_KEYS], censor: '[redacted]' },
    serializers: {
      ...('serializers' in options ? options.serializers : {}),
      req: (request: LoggedRequest) => ({ method: request.method, url: redactSecretPaths(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort }),
    },
  };
}
