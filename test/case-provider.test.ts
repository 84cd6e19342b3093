import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { cfPackageSchemaErrors } from './support/case-test-support.ts';

const CASE = '/ims/case/v1p0';
type Json = Record<string, unknown> & { CFDocuments?: Array<{ identifier: string; title: string; CFPackageURI: { uri: string } }> };

describe.each(databaseTargets())('CASE 1.0 provider on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const content = readFileSync(new URL('./fixtures/third-party-case-package.json', import.meta.url), 'utf8');
    await hub.services.frameworks.importFramework({ content, format: 'case' });
  });
  afterAll(async () => {
    await hub?.close();
  });
  const getJson = async (url: string) => {
    const response = await hub.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() as Json };
  };

  it('lists a CFDocument for every framework, and every package validates against the CASE JSON Schema', async () => {
    const { status, body } = await getJson(`${CASE}/CFDocuments`);
    expect(status).toBe(200);
    expect(body.CFDocuments?.map((d) => d.title).sort()).toEqual(['Developing healthcare workers’ confidence in AI: knowledge and skills framework', 'Example Digital Skills Framework']);
    for (const doc of body.CFDocuments ?? []) {
      const pkg = await getJson(`${CASE}/CFPackages/${doc.identifier}`);
      expect(pkg.status).toBe(200);
      expect(cfPackageSchemaErrors(pkg.body), doc.title).toEqual([]);
    }
  });

  it('serves items, associations and item types by identifier', async () => {
    const { body } = await getJson(`${CASE}/CFDocuments`);
    const ours = body.CFDocuments?.find((d) => d.title.startsWith('Developing'));
    const pkg = (await getJson(`${CASE}/CFPackages/${ours?.identifier}`)).body as unknown as {
      CFItems: Array<{ identifier: string; fullStatement: string; humanCodingScheme?: string }>;
      CFAssociations: Array<{ identifier: string; associationType: string }>;
      CFDefinitions: { CFItemTypes: Array<{ identifier: string }> };
    };
    const requirement = pkg.CFItems.find((i) => i.humanCodingScheme === 'A4-20');
    expect(requirement?.fullStatement).toContain('DCB 1060');
    const item = await getJson(`${CASE}/CFItems/${requirement?.identifier}`);
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ identifier: requirement?.identifier, CFDocumentURI: { identifier: ours?.identifier } });
    const association = pkg.CFAssociations[0]!;
    expect((await getJson(`${CASE}/CFAssociations/${association.identifier}`)).body).toMatchObject({ associationType: 'isChildOf' });
    const itemType = pkg.CFDefinitions.CFItemTypes[0]!;
    expect((await getJson(`${CASE}/CFItemTypes/${itemType.identifier}`)).status).toBe(200);
  });

  it('uses identifiers that do not depend on the database or the run', async () => {
    const { body } = await getJson(`${CASE}/CFDocuments`);
    const ours = body.CFDocuments?.find((d) => d.title.startsWith('Developing'));
    // Fixed by the framework's id and version (UUID v5): the same on every install.
    expect(ours?.identifier).toBe(hub.services.catalog.casePackageOf(hub.services.frameworks.getFramework({ id: 'dart-ed-2022' })).CFDocument.identifier);
    const other = await createTestHub(databaseTargets()[0]!);
    try {
      const again = other.services.catalog.casePackageOf(other.services.frameworks.getFramework({ id: 'dart-ed-2022' }));
      expect(again.CFDocument.identifier).toBe(ours?.identifier);
      expect(again.CFItems?.map((i) => i.identifier)).toEqual(
        hub.services.catalog.casePackageOf(hub.services.frameworks.getFramework({ id: 'dart-ed-2022' })).CFItems?.map((i) => i.identifier),
      );
    } finally {
      await other.close();
    }
  });

  it.each([
    [`${CASE}/CFItems/00000000-0000-4000-8000-000000000000`, 404, 'unknownobject'],
    [`${CASE}/CFPackages/not-a-uuid`, 404, 'invalid_uuid'],
    [`${CASE}/CFAssociations/00000000-0000-4000-8000-000000000000`, 404, 'unknownobject'],
  ])('GET %s answers %i with imsx_StatusInfo %s', async (url, status, codeMinor) => {
    const { status: actual, body } = await getJson(url);
    expect(actual).toBe(status);
    expect(body).toMatchObject({
      imsx_codeMajor: 'failure',
      imsx_severity: 'error',
      imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldValue: codeMinor }] },
    });
  });
});
