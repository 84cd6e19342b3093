import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { redactSecretPaths } from '../src/web/log-redaction.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe('secret links in request logs', () => {
  it('replaces the token segment of supplier and password reset paths, and nothing else', () => {
    expect(redactSecretPaths('/supplier/abcDEF_123-x/questions/a3-01?done=1')).toBe('/supplier/[redacted]/questions/a3-01?done=1');
    expect(redactSecretPaths('/supplier/abc?x=1')).toBe('/supplier/[redacted]?x=1');
    expect(redactSecretPaths('/sign-in/reset/tok')).toBe('/sign-in/reset/[redacted]');
    expect(redactSecretPaths('/assurance/reviews/1/supplier')).toBe('/assurance/reviews/1/supplier');
  });
});

describe.each(databaseTargets().slice(0, 1))('a hub logging requests, on $name', (target) => {
  let hub: TestHub;
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) });
    app = await buildApp({ services: hub.services, logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await app.close();
    await hub.close();
  });

  it('never writes a supplier’s token to the log', async () => {
    const token = 'SupplierTokenThatMustNotBeLogged0123456789';
    const response = await app.inject({ method: 'GET', url: `/supplier/${token}/questions/a3-01` });
    expect(response.statusCode).toBe(404);
    const log = lines.join('');
    expect(log).toContain('/supplier/[redacted]/questions/a3-01');
    expect(log).not.toContain(token);
  });
});
