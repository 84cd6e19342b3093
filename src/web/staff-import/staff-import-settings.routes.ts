import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CANONICAL_FIELDS, HEADER_ALIASES, REQUIRED_FIELDS } from '../../domain/staff-import/column-map.ts';
import type { ColumnMap } from '../../domain/staff-import/column-map.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { ImportSettings } from '../../services/staff/staff-import-web.service.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { FIELD_LABELS, STAFF_IMPORT_PATHS } from './staff-import-view.ts';

const settingsQuery = z.object({ organisationId: z.guid().optional(), saved: z.literal('1').optional() });
const columnText = z.string().max(1000).optional();
const settingsForm = z.object({
  organisationId: z.guid(),
  fullExtract: z.union([z.string(), z.array(z.string())]).optional().transform((v) => v !== undefined),
  leaverThresholdPct: z.string().max(20).optional(),
  ...Object.fromEntries(CANONICAL_FIELDS.map((field) => [`column-${field}`, columnText])),
});

interface SettingsValues {
  columns: ColumnMap;
  fullExtract: boolean;
  leaverThresholdPct: string;
}

/** The headers an organisation's ESR extracts use, where they differ from the usual ones, and its import options. */
export function registerStaffImportSettingsPages(app: FastifyInstance, { services }: PageDeps): void {
  async function render(reply: FastifyReply, viewer: Viewer, organisationId: string | undefined, values?: SettingsValues, errors: FormError[] = [], saved = false) {
    const organisation = await services.directory.administeredOrganisation({ viewer, organisationId });
    const { settings } = await services.staffImportWeb.getSettings({ viewer, organisationId: organisation.id });
    const shown = values ?? { columns: settings.columns, fullExtract: settings.fullExtract, leaverThresholdPct: String(settings.leaverThresholdPct) };
    return reply.view('staff-import/settings.njk', {
      pageTitle: `ESR extract settings for ${organisation.name}`,
      currentSection: 'organisation',
      organisation,
      paths: STAFF_IMPORT_PATHS,
      saved,
      values: shown,
      fields: CANONICAL_FIELDS.map((field) => ({
        id: `column-${field}`,
        label: `${FIELD_LABELS[field]}${REQUIRED_FIELDS.includes(field) ? '' : ' (optional)'}`,
        hint: `Usually ${HEADER_ALIASES[field].map((a) => `“${a}”`).join(', ')}`,
        value: shown.columns[field] ?? '',
        error: errors.find((e) => e.field === field)?.text,
      })),
      ...formErrorsView(errors.map((e) => (CANONICAL_FIELDS.includes(e.field as never) ? { ...e, href: `#column-${e.field}` } : e))),
    });
  }

  app.get(STAFF_IMPORT_PATHS.settings, async (request, reply) => {
    const { organisationId, saved } = settingsQuery.parse(request.query);
    return render(reply, requireViewer(request), organisationId, undefined, [], saved === '1');
  });

  app.post(STAFF_IMPORT_PATHS.settings, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = settingsForm.parse(request.body ?? {}) as Record<string, unknown> & { organisationId: string; fullExtract: boolean; leaverThresholdPct?: string };
    const columns: ColumnMap = Object.fromEntries(CANONICAL_FIELDS.flatMap((field) => (typeof form[`column-${field}`] === 'string' ? [[field, form[`column-${field}`] as string]] : [])));
    const values: SettingsValues = { columns, fullExtract: form.fullExtract, leaverThresholdPct: form.leaverThresholdPct ?? '' };
    const threshold = /^\s*\d{1,3}\s*$/.test(values.leaverThresholdPct) ? Number(values.leaverThresholdPct) : Number.NaN;
    const settings: ImportSettings = { columns, fullExtract: form.fullExtract, leaverThresholdPct: threshold };
    try {
      await services.staffImportWeb.saveSettings({ viewer, organisationId: form.organisationId, settings });
      return reply.redirect(`${STAFF_IMPORT_PATHS.settings}?organisationId=${form.organisationId}&saved=1`, 303);
    } catch (error) {
      const errors = formErrorsFromAppError(error);
      if (errors) return render(reply.status(400), viewer, form.organisationId, values, errors);
      throw error;
    }
  });
}
