import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../domain/people/organisation-kinds.ts';
import { PLATFORM_ROLES } from '../../domain/people/platform-roles.ts';

/** Schemas of the people API: they validate requests, shape responses and describe both in OpenAPI. */
export const idParams = z.object({ id: z.guid() });

export const sessionRequest = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const invitationRequest = z.object({
  email: z.email().max(320),
  displayName: z.string().trim().min(1).max(200),
  roles: z.array(z.enum(PLATFORM_ROLES)).max(10).default([]).describe('Roles beyond learner, which everyone holds.'),
});

/** The whole set of roles a person should hold (an organisation admin's change); learner is always kept. */
export const rolesRequest = z
  .object({
    roles: z.array(z.enum(PLATFORM_ROLES)).max(10).describe('Every role the person should hold; a role left out is taken away. Learner is always kept; only a platform admin may give or take away platform admin.'),
  })
  .strict();

/** What you may change about yourself: your name and job title (null or empty clears it). */
export const meUpdateRequest = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    jobTitle: z.string().trim().max(200).nullable(),
  })
  .partial()
  .strict();

export const personSchema = z.object({
  id: z.guid(),
  displayName: z.string(),
  email: z.string(),
  jobTitle: z.string().nullable(),
  organisationId: z.guid(),
  roles: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
});

export const organisationSchema = z.object({
  id: z.guid(),
  parentId: z.guid().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  odsCode: z.string().nullable(),
});

const personName = z.object({ id: z.guid(), displayName: z.string() });

export const meSchema = personSchema.extend({
  organisationPath: z.array(organisationSchema).describe('From the top of the tree down to the person’s own organisation.'),
  supervisors: z.array(personName),
  supervises: z.array(personName),
});

export const sessionResponse = z.object({
  person: personSchema,
  csrfToken: z.string().describe('Send as the x-csrf-token header on every POST, PUT, PATCH and DELETE in this session.'),
});

export const organisationPeopleResponse = z.object({
  organisation: organisationSchema,
  people: z.array(personSchema).describe('Everyone in the organisation and the organisations beneath it.'),
});

export const invitationResponse = z.object({
  id: z.guid(),
  organisationId: z.guid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  expiresAt: z.iso.datetime(),
});

export const notificationSchema = z.object({
  id: z.guid(),
  message: z.string(),
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

export const notificationsResponse = z.object({ unread: z.number().int(), notifications: z.array(notificationSchema) });

type Person = z.infer<typeof personSchema>;
type Organisation = z.infer<typeof organisationSchema>;

export const toPersonJson = (row: Person & Record<string, unknown>): Person => ({
  id: row.id,
  displayName: row.displayName,
  email: row.email,
  jobTitle: row.jobTitle,
  organisationId: row.organisationId,
  roles: row.roles,
  status: row.status,
});

export const toOrganisationJson = (row: Organisation & Record<string, unknown>): Organisation => ({
  id: row.id,
  parentId: row.parentId,
  kind: row.kind,
  name: row.name,
  odsCode: row.odsCode,
});
