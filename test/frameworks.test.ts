import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import type { FrameworkDocument } from '../src/domain/framework/framework-document.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const canonical = JSON.parse(readFileSync(new URL('../frameworks/dart-ed-2022.json', import.meta.url), 'utf8')) as FrameworkDocument;

describe.each(databaseTargets())('framework storage on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('loads the bundled framework at start, and loading it again changes nothing', async () => {
    expect(hub.bundled).toEqual([{ id: 'dart-ed-2022', version: '1.1.0', format: 'hub', status: 'created', warnings: [] }]);
    const again = await hub.services.frameworks.loadFrameworkDocument({ document: canonical });
    expect(again.status).toBe('unchanged');
    expect(hub.services.frameworks.listFrameworks()).toHaveLength(1);
  });

  it('refuses different content under an existing id and version, and keeps the original', async () => {
    const changed = structuredClone(canonical);
    changed.requirements[0]!.statement = 'Awareness of something else';
    const attempt = hub.services.frameworks.loadFrameworkDocument({ document: changed });
    await expect(attempt).rejects.toThrow(AppError);
    await expect(attempt).rejects.toThrow(/already loaded with different content/);
    const stored = hub.services.frameworks.getHubFramework({ id: 'dart-ed-2022', version: '1.1.0' });
    expect(stored.index.doc.requirements[0]!.statement).toBe(canonical.requirements[0]!.statement);
  });

  it('refuses an invalid document with field-level reasons', async () => {
    const broken = { ...structuredClone(canonical), version: '9.9.9', requirements: [{ ...canonical.requirements[0], level: 'mastery' }] };
    await expect(hub.services.frameworks.loadFrameworkDocument({ document: broken })).rejects.toMatchObject({
      code: 'invalid',
      details: [expect.objectContaining({ message: expect.stringContaining('mastery') })],
    });
    expect(hub.services.frameworks.listFrameworks().map((f) => f.version)).toEqual(['1.1.0']);
  });

  it('keeps several versions side by side and treats the highest as latest', async () => {
    const next = { ...structuredClone(canonical), version: '1.10.0', title: 'Second edition' };
    const older = { ...structuredClone(canonical), version: '1.9.0', title: 'Between editions' };
    await hub.services.frameworks.loadFrameworkDocument({ document: next });
    await hub.services.frameworks.loadFrameworkDocument({ document: older });
    expect(hub.services.catalog.versionsOf('dart-ed-2022')).toEqual(['1.1.0', '1.9.0', '1.10.0']);
    expect(hub.services.frameworks.getFramework({ id: 'dart-ed-2022' }).title).toBe('Second edition');
    expect(hub.services.frameworks.getFramework({ id: 'dart-ed-2022', version: '1.1.0' }).title).toBe(canonical.title);
  });

  it('refuses to update a stored framework even with hand-written SQL', async () => {
    const error = await hub.database.db.execute(sql`update frameworks set title = 'changed'`).catch((e: unknown) => e);
    // Drizzle wraps the driver's error; the database's own message is the cause.
    expect(String((error as { cause?: Error }).cause?.message)).toMatch(/immutable/);
    expect(hub.services.frameworks.getFramework({ id: 'dart-ed-2022', version: '1.1.0' }).title).toBe(canonical.title);
  });

  it('round-trips the canonical JSON export to an equal framework', async () => {
    const exported = hub.services.frameworks.exportFramework({ id: 'dart-ed-2022', version: '1.1.0', format: 'json' });
    expect(JSON.parse(exported.body)).toEqual(canonical);
    const result = await hub.services.frameworks.importFramework({ content: exported.body, format: 'json' });
    expect(result).toMatchObject({ id: 'dart-ed-2022', version: '1.1.0', status: 'unchanged' });
  });

  it('round-trips the CASE export to an equal framework', async () => {
    const exported = hub.services.frameworks.exportFramework({ id: 'dart-ed-2022', version: '1.1.0', format: 'case' });
    const result = await hub.services.frameworks.importFramework({ content: exported.body, format: 'case' });
    // "unchanged" means the imported document hashed equal to the stored one.
    expect(result).toMatchObject({ id: 'dart-ed-2022', version: '1.1.0', format: 'hub', status: 'unchanged' });
  });

  it('imports a CASE package published by someone else as a browsable framework', async () => {
    const content = readFileSync(new URL('./fixtures/third-party-case-package.json', import.meta.url), 'utf8');
    const result = await hub.services.frameworks.importFramework({ content, format: 'case' });
    expect(result).toMatchObject({ format: 'case', status: 'created' });
    const entry = hub.services.frameworks.getFramework({ id: result.id });
    expect(entry.format).toBe('case');
    expect(entry.itemCount).toBeGreaterThan(0);
    const again = await hub.services.frameworks.importFramework({ content, format: 'case' });
    expect(again.status).toBe('unchanged');
    expect(() => hub.services.frameworks.exportFramework({ id: result.id, format: 'csv' })).toThrow(/only be exported as CASE/);
  });

  it('says clearly when an import file is not what it claims to be', async () => {
    await expect(hub.services.frameworks.importFramework({ content: '{not json', format: 'json' })).rejects.toThrow(/not valid JSON/);
    await expect(hub.services.frameworks.importFramework({ content: '{"hello": 1}', format: 'case' })).rejects.toMatchObject({ code: 'invalid' });
  });
});
