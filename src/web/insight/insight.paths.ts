/** Where workforce insight lives (issue 14 §1): one organisation's views, each with CSV and JSON downloads. */
export const INSIGHT_VIEWS = ['overview', 'requirements', 'topics', 'training', 'journeys', 'trends', 'equity', 'peers'] as const;
export type InsightView = (typeof INSIGHT_VIEWS)[number];

export const INSIGHT_VIEW_TITLES: Record<InsightView, string> = {
  overview: 'Overview',
  requirements: 'Requirements met',
  topics: 'Levels by topic',
  training: 'Product training',
  journeys: 'Learning journeys',
  trends: 'Trends by month',
  equity: 'Equity',
  peers: 'Peer organisations',
};

export const INSIGHT_PATHS = {
  home: '/insight',
  view: (organisationId: string, view: InsightView = 'overview') => (view === 'overview' ? `/insight/organisations/${organisationId}` : `/insight/organisations/${organisationId}/${view}`),
  download: (organisationId: string, view: InsightView, format: 'csv' | 'json') => `/insight/organisations/${organisationId}/${view}.${format}`,
  api: (organisationId: string, view: InsightView) => `/api/v1/insight/organisations/${organisationId}/${view}`,
} as const;
