import type { Database } from './client.ts';
import { createFrameworkRepository } from './framework.repository.ts';

/** Every repository, made from one database handle. Services take only the ones they use. */
export function createRepositories(db: Database) {
  return {
    frameworks: createFrameworkRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
