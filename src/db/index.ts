import type { Database } from './client.ts';
import { createFrameworkRepository } from './framework.repository.ts';
import { createOrganisationRepository } from './organisation.repository.ts';
import { createPeopleRepository } from './people.repository.ts';
import { createSessionRepository } from './session.repository.ts';
import { createSupervisionRepository } from './supervision.repository.ts';

/** Every repository, made from one database handle. Services take only the ones they use. */
export function createRepositories(db: Database) {
  return {
    db,
    frameworks: createFrameworkRepository(db),
    organisations: createOrganisationRepository(db),
    people: createPeopleRepository(db),
    sessions: createSessionRepository(db),
    supervisions: createSupervisionRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
