import { describe, expect, it } from 'vitest';
import { redactSecretPaths } from './log-redaction.ts';

describe('redactSecretPaths', () => {
  it.each([
    ['/sign-in/nhs/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fcis2', '/sign-in/nhs/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fcis2'],
    ['/x?ID_TOKEN=eyJ.a.b&client_assertion=eyJ&keep=1', '/x?ID_TOKEN=[redacted]&client_assertion=[redacted]&keep=1'],
    ['/sign-in/reset/tok?state=s', '/sign-in/reset/[redacted]?state=[redacted]'],
    ['/frameworks?codes=1', '/frameworks?codes=1'],
  ])('%s', (url, expected) => expect(redactSecretPaths(url)).toBe(expected));
});
