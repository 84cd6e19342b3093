import type { RESOURCE_FORMATS, RESOURCE_STATUSES } from '../../db/tables/catalogue.ts';

/**
 * The learning catalogue as services, pages and the API see it. Written first so the catalogue
 * service, its pages and the journey planner could be built side by side against one contract.
 */

export type ResourceFormat = (typeof RESOURCE_FORMATS)[number];
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** A resource brings a topic (of the assessment framework) to a taxonomy level id. */
export interface ResourceOutcome {
  topicId: string;
  level: string;
}

/** What an educator writes; the same shape for create, edit, CSV and JSON import. */
export interface ResourceInput {
  title: string;
  provider: string;
  url: string;
  description: string;
  format: ResourceFormat;
  durationMinutes: number;
  costPence: number;
  cpdAccredited: boolean;
  cpdDetail: string | null;
  vendorNeutral: boolean;
  audienceArchetypes: string[];
  audienceNote: string | null;
  /** ISO date (yyyy-mm-dd) by which the content should be reviewed. */
  reviewDate: string | null;
  outcomes: ResourceOutcome[];
  prerequisiteIds: string[];
}

export interface LearningResource extends ResourceInput {
  id: string;
  organisationId: string;
  organisationName: string;
  frameworkId: string;
  status: ResourceStatus;
  sample: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

export interface ResourceFilter {
  /** Free text over title, provider and description. */
  text?: string;
  topicId?: string;
  factorId?: string;
  archetype?: string;
  formats?: ResourceFormat[];
  freeOnly?: boolean;
  vendorNeutralOnly?: boolean;
  accreditedOnly?: boolean;
  maxMinutes?: number;
  /** Published only unless the viewer may curate; educators can ask for their drafts and retired items. */
  statuses?: ResourceStatus[];
  page?: number;
  pageSize?: number;
}

export interface ResourcePage {
  items: LearningResource[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ResourceRevision {
  version: number;
  action: 'created' | 'edited' | 'published' | 'retired' | 'imported';
  changedBy: { id: string; displayName: string };
  changedAt: Date;
}

/** A topic and level no published resource reaches, and how many people in scope need it. */
export interface CurationGap {
  topicId: string;
  topicLabel: string;
  kind: 'knowledge' | 'skill';
  level: string;
  tier: 'foundational' | 'advanced' | 'product-specific';
  /** For advanced topics, the archetypes whose requirements they are. */
  archetypes: string[];
  peopleNeeding: number;
  /** The highest level a published resource reaches on the topic, if any. */
  bestAvailableLevel: string | null;
}
