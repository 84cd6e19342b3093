import type { Repositories } from '../db/index.ts';
import { createFrameworkCatalog } from './framework-catalog.ts';
import { createFrameworkService } from './framework.service.ts';
import { createSessionService } from './identity/session.service.ts';
import { createLocalIdentityProvider } from './identity/sign-in.service.ts';
import { createAccountService } from './people/account.service.ts';
import { createOrganisationService } from './people/organisation.service.ts';

export interface ServiceOptions {
  /** Absolute base URL of the hub, used in identifiers that must be URLs (CASE `uri`). */
  baseUrl: string;
}

/** Every use case, wired from repositories. Routes and CLI commands receive these, never a database. */
export async function createServices(repositories: Repositories, options: ServiceOptions) {
  const catalog = createFrameworkCatalog(repositories.frameworks, { baseUrl: options.baseUrl });
  await catalog.refresh();
  return {
    baseUrl: options.baseUrl,
    catalog,
    frameworks: createFrameworkService({ frameworkRepository: repositories.frameworks, catalog }),
    identity: createLocalIdentityProvider({ peopleRepository: repositories.people }),
    sessions: createSessionService({ sessionRepository: repositories.sessions, peopleRepository: repositories.people }),
    organisations: createOrganisationService({ organisationRepository: repositories.organisations }),
    accounts: createAccountService({ db: repositories.db, peopleRepository: repositories.people }),
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
