import { describe, expect, it } from 'vitest';
import { exportCasePackage } from './case-export.ts';
import { itemTypeUuid } from './case-ids.ts';
import { parseCasePackage } from './case-import.ts';
import {
  IMSX_HTTP_STATUS,
  findCfAssociation,
  findCfDocument,
  findCfItem,
  findCfItemAssociations,
  findCfItemType,
  findCfPackage,
  imsxStatus,
  listCfDocuments,
} from './case-provider.ts';
import type { ImsxCodeMinor } from './case-provider.ts';
import { fixtureDocument, thirdPartyIds, thirdPartyPackage } from '../../../test/support/case-test-support.ts';

const baseUrl = 'https://hub.example';
const hub = exportCasePackage(fixtureDocument, { baseUrl, lastChangeDateTime: '2024-05-01T12:00:00Z' });
const other = parseCasePackage(thirdPartyPackage());
const packages = [hub, other];
const unknown = '00000000-0000-4000-8000-000000000000';

describe('CFDocuments', () => {
  it('lists every document with a link to its package on this hub', () => {
    const { CFDocuments } = listCfDocuments(packages, { baseUrl });
    expect(CFDocuments.map((d) => d.title)).toEqual(['Mini framework', expect.stringContaining('Grade 3')]);
    expect(CFDocuments[1]?.CFPackageURI).toEqual({
      title: other.CFDocument.title,
      identifier: thirdPartyIds.docId,
      uri: `${baseUrl}/ims/case/v1p0/CFPackages/${thirdPartyIds.docId}`,
    });
  });

  it('finds one document and its package, ignoring UUID case', () => {
    const id = hub.CFDocument.identifier.toUpperCase();
    expect(findCfDocument(packages, id, { baseUrl })?.identifier).toBe(hub.CFDocument.identifier);
    expect(findCfPackage(packages, id)).toBe(hub);
    expect(findCfDocument(packages, unknown, { baseUrl })).toBeUndefined();
  });
});

describe('CFItems', () => {
  it('returns the item with its document and item-type links', () => {
    const requirement = hub.CFItems?.find((i) => i.humanCodingScheme === '1-1');
    const found = findCfItem(packages, requirement?.identifier ?? '');
    expect(found).toMatchObject({
      fullStatement: requirement?.fullStatement,
      CFItemType: 'Knowledge requirement',
      CFItemTypeURI: { title: 'Knowledge requirement', identifier: itemTypeUuid('knowledge') },
      CFDocumentURI: { title: 'Mini framework', identifier: hub.CFDocument.identifier, uri: hub.CFDocument.uri },
    });
  });

  it('fills in CFItemTypeURI from the definitions when a publisher gave only the title', () => {
    const found = findCfItem(packages, thirdPartyIds.itemId(1));
    expect(found?.CFItemTypeURI?.title).toBe('Domain');
    expect(found?.CFDocumentURI.identifier).toBe(thirdPartyIds.docId);
  });

  it('returns the item with every association that touches it', () => {
    const found = findCfItemAssociations(packages, thirdPartyIds.itemId(3));
    expect(found?.CFItem.identifier).toBe(thirdPartyIds.itemId(3));
    expect(found?.CFAssociations.map((a) => a.associationType).sort()).toEqual(['isChildOf', 'isRelatedTo']);
    expect(findCfItemAssociations(packages, unknown)).toBeUndefined();
  });

  it('is undefined for an unknown item', () => {
    expect(findCfItem(packages, unknown)).toBeUndefined();
  });
});

describe('CFAssociations and CFItemTypes', () => {
  it('returns an association with its document link', () => {
    const association = hub.CFAssociations?.[0];
    expect(findCfAssociation(packages, association?.identifier ?? '')).toMatchObject({
      associationType: 'isChildOf',
      CFDocumentURI: { identifier: hub.CFDocument.identifier },
    });
    expect(findCfAssociation(packages, unknown)).toBeUndefined();
  });

  it('returns an item type set: the type first, then its descendants by hierarchyCode', () => {
    expect(findCfItemType(packages, itemTypeUuid('question'))?.CFItemTypes.map((t) => t.title)).toEqual(['Question']);
    expect(findCfItemType(packages, 'a1b2c3d4-0000-4000-8000-300000000001')?.CFItemTypes.map((t) => t.title)).toEqual([
      'Domain',
      'Standard',
    ]);
    expect(findCfItemType(packages, unknown)).toBeUndefined();
  });
});

describe('imsxStatus', () => {
  it.each<[ImsxCodeMinor, string, string, number]>([
    ['unknownobject', 'failure', 'error', 404],
    ['invalid_uuid', 'failure', 'error', 404],
    ['server_busy', 'failure', 'error', 429],
    ['unauthorisedrequest', 'failure', 'error', 401],
    ['fullsuccess', 'success', 'status', 200],
  ])('%s → %s/%s, HTTP %i', (codeMinor, codeMajor, severity, status) => {
    expect(imsxStatus(codeMinor, 'Unknown Object')).toEqual({
      imsx_codeMajor: codeMajor,
      imsx_severity: severity,
      imsx_description: 'Unknown Object',
      imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] },
    });
    expect(IMSX_HTTP_STATUS[codeMinor]).toBe(status);
  });
});

describe('packages read by the tolerant reader', () => {
  it('serves an item type imported without a hierarchy code, with no descendants, instead of failing', () => {
    const raw = thirdPartyPackage() as unknown as { CFDefinitions: { CFItemTypes: Array<Record<string, unknown>> } };
    delete raw.CFDefinitions.CFItemTypes[0]!.hierarchyCode;
    const pkg = parseCasePackage(raw);
    const type = pkg.CFDefinitions!.CFItemTypes![0]!;
    expect(findCfItemType([pkg], type.identifier)).toEqual({ CFItemTypes: [type] });
    const other = pkg.CFDefinitions!.CFItemTypes![1]!;
    expect(findCfItemType([pkg], other.identifier)?.CFItemTypes[0]).toBe(other);
  });
});
