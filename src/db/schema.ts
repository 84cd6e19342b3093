// The whole database schema, one file per area. drizzle-kit generates migrations from these exports.
export * from './tables/frameworks.ts';
export * from './tables/people.ts';
export * from './tables/organisation-closure.ts';
export * from './tables/assessment.ts';
export * from './tables/catalogue.ts';
export * from './tables/journeys.ts';
export * from './tables/products.ts';
export * from './tables/view-versions.ts';
export * from './tables/files.ts';
export * from './tables/sign-in.ts';
export * from './tables/assurance.ts';
export * from './tables/assurance-supplier.ts';
export * from './tables/teams.ts';
export * from './tables/current-levels.ts';
export * from './tables/insight.ts';
export * from './tables/insight-refresh.ts';
export * from './tables/staff-import.ts';
