import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolationOf } from '../../db/unique-violation.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from './access-policy.ts';

export interface SignInSettingsServiceDeps {
  db: Database;
  organisationRepository: Pick<OrganisationRepository, 'updateSignInSettings'>;
  auditRepository: Pick<AuditRepository, 'insertAuditEvent'>;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'>;
}

export interface SignInSettingsView {
  organisation: OrganisationRow;
  /**
   * Whether the viewer may change the ODS code. CIS2 sends staff to the organisation holding their
   * role's ODS code, so an organisation's own admin could otherwise claim another body's staff:
   * only an admin above it (or a platform admin) sets it.
   */
  canChangeOdsCode: boolean;
}

export interface UpdateSignInSettingsOptions {
  viewer: Viewer;
  organisationId: string;
  /** Absent when the viewer may not change it: the code stays as it is. */
  odsCode?: string | null;
  cis2CreateAccounts: boolean;
}

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const isPlatformAdmin = (viewer: Viewer) => viewer.roles.includes('platform-admin');

/** How people sign in to an organisation through NHS CIS2 (issue 15 §1): its ODS code, and whether a first sign-in may create an account. */
export function createSignInSettingsService(deps: SignInSettingsServiceDeps) {
  async function view(viewer: Viewer, organisationId: string, tx?: Database): Promise<SignInSettingsView> {
    const organisation = await deps.access.assertCanAdministerOrganisation(viewer, organisationId, tx);
    return { organisation, canChangeOdsCode: isPlatformAdmin(viewer) || organisation.id !== viewer.organisationId };
  }

  return {
    getSignInSettings: ({ viewer, organisationId }: { viewer: Viewer; organisationId: string }) => view(viewer, organisationId),

    /** Saves the settings and audits what changed, or changes nothing and says why. */
    async updateSignInSettings({ viewer, organisationId, odsCode, cis2CreateAccounts }: UpdateSignInSettingsOptions): Promise<OrganisationRow> {
      const code = odsCode === undefined ? undefined : odsCode?.trim().toUpperCase() || null;
      if (code && !ODS_CODE.test(code)) throw new AppError('invalid', 'The ODS code is not valid.', [{ field: 'odsCode', message: 'ODS code must be 3 to 10 letters and numbers, like RX1 or A81001' }]);
      try {
        return await inTransaction(deps.db, async (tx) => {
          const { organisation, canChangeOdsCode } = await view(viewer, organisationId, tx);
          if (code !== undefined && code !== organisation.odsCode && !canChangeOdsCode) {
            throw new AppError('forbidden', 'Only an admin of an organisation above this one can change its ODS code.', [{ field: 'odsCode', message: 'Only an admin of an organisation above this one can change its ODS code' }]);
          }
          const next = { odsCode: code === undefined ? organisation.odsCode : code, cis2CreateAccounts };
          const updated = await deps.organisationRepository.updateSignInSettings(organisation.id, next, tx);
          const before = { odsCode: organisation.odsCode, cis2CreateAccounts: organisation.cis2CreateAccounts };
          if (before.odsCode !== next.odsCode || before.cis2CreateAccounts !== next.cis2CreateAccounts) {
            await deps.auditRepository.insertAuditEvent({ organisationId: organisation.id, actorId: viewer.personId, subjectId: organisation.id, action: 'organisation.sign-in-settings-changed', detail: { before, after: next } }, tx);
          }
          return updated;
        });
      } catch (error) {
        if (isUniqueViolationOf(error, 'organisations_ods_code_unique')) {
          throw new AppError('conflict', `Another organisation already has the ODS code ${code ?? ''}.`, [{ field: 'odsCode', message: 'Another organisation already has this ODS code' }]);
        }
        throw error;
      }
    },
  };
}

export type SignInSettingsService = ReturnType<typeof createSignInSettingsService>;
