import type { Database } from '../../db/client.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import type { PlatformRole } from '../../domain/people/platform-roles.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../identity/password-hasher.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';

export const PASSWORD_MIN_LENGTH = 12;

export interface CreateAccountOptions {
  organisationId: string;
  email: string;
  displayName: string;
  jobTitle?: string | null;
  roles: PlatformRole[];
  /** A plain password, or an already computed scrypt hash (demo data shares one). */
  password: { plain: string } | { hash: string };
}

/** Problems with a new password, as messages for the form (empty when it is acceptable). */
export function passwordProblems(password: string): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [`Password must be ${PASSWORD_MIN_LENGTH} characters or more`];
  if (password.length > 256) return ['Password must be 256 characters or fewer'];
  return [];
}

export function createAccountService(deps: {
  db: Database;
  peopleRepository: PeopleRepository;
  /** A new person owes the foundational requirements at once: workforce insight counts them from the start. */
  contributions?: Pick<InsightContributions, 'refreshStanding'>;
}) {
  const people = deps.peopleRepository;
  return {
    /** A person with a local sign-in and an empty profile, in one transaction. */
    async createAccount(options: CreateAccountOptions, outer?: Database): Promise<PersonRow> {
      const email = options.email.trim().toLowerCase();
      const passwordHash = 'plain' in options.password ? await hashPassword(options.password.plain) : options.password.hash;
      const run = async (tx: Database) => {
        if (await people.findPersonByEmail(email, tx)) throw new AppError('conflict', `There is already an account for ${email}.`);
        const roles = options.roles.includes('learner') ? options.roles : ['learner' as const, ...options.roles];
        const person = await people.insertPerson(
          { organisationId: options.organisationId, email, displayName: options.displayName.trim(), jobTitle: options.jobTitle ?? null, roles },
          tx,
        );
        await people.setPasswordHash(person.id, passwordHash, tx);
        await people.saveProfile({ personId: person.id, organisationId: options.organisationId }, tx);
        await deps.contributions?.refreshStanding(tx, person.id);
        return person;
      };
      return outer ? run(outer) : deps.db.transaction((tx) => run(tx as unknown as Database));
    },

    getPerson: (id: string) => people.getPerson(id),
    findPersonByEmail: (email: string) => people.findPersonByEmail(email),
    findPeopleByEmail: (email: string) => people.findPeopleByEmail(email),
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
