/**
 * xAPI version rules (IEEE 9274.1.1 §4.1.7). The hub's LRS speaks 2.0: every answer says
 * `2.0.0`; a request must say 2.0 or any 2.0.x; anything older or newer is refused, because the hub
 * has no fully conformant 1.0.3 implementation to route it to.
 */
export const XAPI_VERSION = '2.0.0';
export const XAPI_VERSION_HEADER = 'x-experience-api-version';

const ACCEPTED = /^2\.0(\.\d+)?$/;

/** Why a request's version header is refused, or undefined if it is accepted. */
export function versionProblem(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return 'The X-Experience-API-Version header is missing. This learning record store speaks xAPI 2.0.0: send "X-Experience-API-Version: 2.0.0".';
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!ACCEPTED.test(value.trim())) return `xAPI version ${value} is not supported. This learning record store speaks xAPI 2.0.0.`;
  return undefined;
}
