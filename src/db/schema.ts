// The whole database schema, one file per area. drizzle-kit generates migrations from these exports.
export * from './tables/frameworks.ts';
export * from './tables/people.ts';
export * from './tables/assessment.ts';
