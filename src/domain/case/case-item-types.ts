import { caseUri, itemTypeUuid } from './case-ids.ts';
import type { CaseItemType, CaseLinkUri } from './case-package.ts';

/** The CFItemTypes the hub publishes. Codes are part of the UUIDs: never rename one. */
export const HUB_ITEM_TYPES = {
  tier: {
    title: 'Tier',
    hierarchyCode: '1',
    description: 'A tier of the framework: foundational (everyone), advanced (one archetype) or product-specific.',
  },
  factor: {
    title: 'Factor',
    hierarchyCode: '2',
    description: 'A factor that influences confidence in AI, grouping the requirements of a tier.',
  },
  knowledge: {
    title: 'Knowledge requirement',
    hierarchyCode: '3',
    description: 'What a worker needs to know, at a target level: awareness, familiarity or understanding.',
  },
  skill: {
    title: 'Skill requirement',
    hierarchyCode: '4',
    description: 'What a worker needs to be able to do, at a target level: capability or proficiency.',
  },
  'question-set': {
    title: 'Question set',
    hierarchyCode: '5',
    description: 'Questions an archetype needs answered to be confident in one specific AI product.',
  },
  question: {
    title: 'Question',
    hierarchyCode: '6',
    description: 'One question to establish confidence in a specific AI product.',
  },
} as const;

export type HubItemTypeCode = keyof typeof HUB_ITEM_TYPES;

export const HUB_ITEM_TYPE_CODES = Object.keys(HUB_ITEM_TYPES) as HubItemTypeCode[];

export function buildItemType(code: HubItemTypeCode, baseUrl: string, lastChangeDateTime: string): CaseItemType {
  const type = HUB_ITEM_TYPES[code];
  const identifier = itemTypeUuid(code);
  return {
    identifier,
    uri: caseUri(baseUrl, 'CFItemTypes', identifier),
    title: type.title,
    description: type.description,
    hierarchyCode: type.hierarchyCode,
    typeCode: code,
    lastChangeDateTime,
  };
}

export function itemTypeLink(itemType: CaseItemType): CaseLinkUri {
  return { title: itemType.title, identifier: itemType.identifier, uri: itemType.uri };
}
