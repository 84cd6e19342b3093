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
  /** The xAPI activity id learning platforms report completions of it with; null: none. */
  activityId: string | null;
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
  /** Why, where the change needs a reason (retiring). */
  reason: string | null;
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
  /** AI MDTs whose latest learning plan found no resource for it (issue 13 §3); absent when none. */
  teamsNeeding?: number;
  /** The highest level a published resource reaches on the topic, if any. */
  bestAvailableLevel: string | null;
}

/** A topic no published resource teaches at any level. */
export interface UntaughtTopic {
  topicId: string;
  topicLabel: string;
  kind: 'knowledge' | 'skill';
  /** The most people in scope needing any one level of it (0: nobody needs it yet). */
  peopleNeeding: number;
}

/**
 * The curation-gap report, every part worked out from the one ranked list, so its headline counts
 * and its tables cannot disagree.
 */
export interface CurationGapReport {
  /** Every gap: needed ones most needed first, then those nobody needs yet. */
  gaps: CurationGap[];
  /** Gaps someone in scope has now. */
  needed: CurationGap[];
  /** Gaps on topics nothing teaches that nobody in scope needs yet. */
  notYetNeeded: CurationGap[];
  /** Topics with nothing published at all, whether needed or not: needed ones first. */
  untaughtTopics: UntaughtTopic[];
}

/**
 * A resource as a form, an API client or an import row sends it: every field loose (numbers and
 * booleans may arrive as text, lists as `a;b`), checked and normalised by the catalogue service.
 * A ResourceInput is one.
 */
export type ResourceSubmission = { [K in keyof ResourceInput]?: unknown };

/** The whole resource after a change, as each revision keeps it. */
export interface ResourceSnapshot extends ResourceInput {
  id: string;
  organisationId: string;
  frameworkId: string;
  status: ResourceStatus;
  sample: boolean;
  version: number;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface ResourceRevisionWithSnapshot extends ResourceRevision {
  snapshot: ResourceSnapshot;
}

/** One resource as its page shows it. */
export interface ResourceDetails {
  resource: LearningResource;
  /** Its prerequisites that the viewer may see, in title order. */
  prerequisites: Array<{ id: string; title: string; status: ResourceStatus }>;
  /** Whether the viewer may edit, publish, retire or restore it. */
  canCurate: boolean;
  /** Every change, newest first; only for those who may curate it (empty for everyone else). */
  revisions: ResourceRevision[];
}

export const TRANSFER_FORMATS = ['csv', 'json'] as const;
export type TransferFormat = (typeof TRANSFER_FORMATS)[number];

export interface ExportedCatalogue {
  filename: string;
  contentType: string;
  body: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  /** Rows that matched their resource exactly, so nothing was written for them. */
  unchanged: number;
  /** The id of each row's resource, in file order. */
  resourceIds: string[];
}
