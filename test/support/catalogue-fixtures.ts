import type { ResourceInput } from '../../src/services/catalogue/catalogue.types.ts';

/** Everything a learning resource needs besides what a test is about: its title, length and outcomes. */
export const RESOURCE_DEFAULTS: Omit<ResourceInput, 'title' | 'durationMinutes' | 'outcomes'> = {
  provider: 'Test provider',
  url: 'https://example.org/learning',
  description: 'A resource for the journey tests.',
  format: 'e-learning',
  costPence: 0,
  cpdAccredited: false,
  cpdDetail: null,
  activityId: null,
  vendorNeutral: true,
  audienceArchetypes: [],
  audienceNote: null,
  reviewDate: null,
  prerequisiteIds: [],
};
