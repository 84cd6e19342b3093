import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listResponsibilityStatements, suggestArchetypes } from '../../domain/archetype-finder/archetype-finder.ts';
import { PROFESSIONAL_GROUP_IDS, PROFESSIONAL_GROUPS, SETTING_IDS, SETTINGS } from '../../domain/people/profile-options.ts';
import type { StaffRecordSuggestion } from '../../services/people/profile-suggestion.service.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { formErrorsView, listOf, type FormError } from '../form-errors.ts';

const asList = listOf(z.string().max(80), 40);

const profileForm = z.object({
  archetypes: asList,
  fromStaffRecord: z.literal('1').optional(),
  clinicalDecisionMaking: z.string().optional(),
  professionalGroup: z.string().optional(),
  setting: z.string().optional(),
});

type ProfileValues = { archetypes: string[]; clinicalDecisionMaking?: string; professionalGroup?: string; setting?: string };
type StaffRecordView = { text: string; using: boolean };

export function registerProfilePages(app: FastifyInstance, { services }: PageDeps): void {
  const framework = () => services.assessmentFramework().index;

  function profilePage(values: ProfileValues, errors: FormError[] = [], suggested = false, staffRecord?: StaffRecordView) {
    const index = framework();
    const option = (selected: string | undefined) => (o: { id: string; label: string }) => ({ value: o.id, text: o.label, selected: o.id === selected });
    return {
      pageTitle: 'Your roles with AI',
      currentSection: 'assessment',
      values,
      suggested,
      staffRecord,
      ...formErrorsView(errors),
      archetypeItems: index.doc.archetypes.map((a) => ({ value: a.id, text: a.label, hint: { text: a.purpose }, checked: values.archetypes.includes(a.id) })),
      professionalGroupItems: [{ value: '', text: 'Choose your professional group' }, ...PROFESSIONAL_GROUPS.map(option(values.professionalGroup))],
      settingItems: [{ value: '', text: 'Choose where you work' }, ...SETTINGS.map(option(values.setting))],
    };
  }

  /** What the person's staff record suggests, in words, or nothing once they have used it or turned it down. */
  function staffRecordView(suggestion: StaffRecordSuggestion | undefined, using: boolean): StaffRecordView | undefined {
    if (!suggestion) return undefined;
    const labels = new Map(framework().doc.archetypes.map((a) => [a.id, a.label]));
    const group = PROFESSIONAL_GROUPS.find((g) => g.id === suggestion.professionalGroup)?.label;
    const parts = [group ? `professional group ${group}` : '', suggestion.archetypes.length ? `archetype ${suggestion.archetypes.map((a) => labels.get(a) ?? a).join(' and ')}` : ''].filter(Boolean);
    return { text: `Your staff record suggests ${parts.join(', and ')}.`, using };
  }

  app.get('/self-assessment/profile', async (request, reply) => {
    const viewer = requireViewer(request);
    const { suggested, staffRecord } = z.object({ suggested: asList, staffRecord: z.literal('use').optional().catch(undefined) }).parse(request.query);
    const profile = await services.profiles.getProfile({ viewer, personId: viewer.personId });
    const fromRecord = await services.profileSuggestions.getOpenSuggestion(viewer);
    const using = staffRecord === 'use' && fromRecord !== undefined;
    const values: ProfileValues = {
      archetypes: using ? [...new Set([...profile.archetypes, ...fromRecord.archetypes])] : suggested.length > 0 ? suggested : profile.archetypes,
      clinicalDecisionMaking: profile.professionalGroup === null ? undefined : profile.clinicalDecisionMaking ? 'yes' : 'no',
      professionalGroup: (using ? fromRecord.professionalGroup : null) ?? profile.professionalGroup ?? undefined,
      setting: profile.setting ?? undefined,
    };
    return reply.view('self-assessment/profile.njk', profilePage(values, [], suggested.length > 0, staffRecordView(fromRecord, using)));
  });

  // Turning the suggestion down leaves the profile as it is and stops offering it.
  app.post('/self-assessment/profile/staff-record/decline', async (request, reply) => {
    await services.profileSuggestions.decline(requireViewer(request));
    return reply.redirect('/self-assessment/profile', 303);
  });

  app.post('/self-assessment/profile', async (request, reply) => {
    const viewer = requireViewer(request);
    const values = profileForm.parse(request.body ?? {});
    const known = new Set(framework().doc.archetypes.map((a) => a.id));
    const errors: FormError[] = [];
    if (values.archetypes.some((a) => !known.has(a))) errors.push({ field: 'archetypes', href: '#archetypes', text: 'Select archetypes from the list' });
    if (values.clinicalDecisionMaking !== 'yes' && values.clinicalDecisionMaking !== 'no') {
      errors.push({ field: 'clinicalDecisionMaking', href: '#clinicalDecisionMaking', text: 'Select yes if AI you work with is used in clinical reasoning and decision making' });
    }
    const group = PROFESSIONAL_GROUP_IDS.find((g) => g === values.professionalGroup);
    if (!group) errors.push({ field: 'professionalGroup', href: '#professionalGroup', text: 'Select your professional group' });
    const setting = SETTING_IDS.find((s) => s === values.setting);
    if (!setting) errors.push({ field: 'setting', href: '#setting', text: 'Select where you work' });
    if (errors.length > 0 || !group || !setting) {
      const staffRecord = values.fromStaffRecord ? staffRecordView(await services.profileSuggestions.getOpenSuggestion(viewer), true) : undefined;
      return reply.status(400).view('self-assessment/profile.njk', profilePage(values, errors, false, staffRecord));
    }
    await services.profiles.updateProfile({
      viewer,
      archetypes: values.archetypes,
      professionalGroup: group,
      setting,
      clinicalDecisionMaking: values.clinicalDecisionMaking === 'yes',
    });
    // Saved, by the person, from the suggestion: it has been used, so it is not offered again.
    if (values.fromStaffRecord) await services.profileSuggestions.accept(viewer);
    return reply.redirect('/self-assessment?saved=profile', 303);
  });

  const finderPage = (ticked: string[], errors: FormError[] = []) => ({
    pageTitle: 'Find your archetypes',
    currentSection: 'assessment',
    ...formErrorsView(errors),
    statementItems: listResponsibilityStatements(framework()).map((s) => ({ value: s.id, text: s.text, checked: ticked.includes(s.id) })),
  });

  app.get('/self-assessment/find-archetypes', async (request, reply) => {
    requireViewer(request);
    return reply.view('self-assessment/find-archetypes.njk', finderPage([]));
  });

  app.post('/self-assessment/find-archetypes', async (request, reply) => {
    requireViewer(request);
    const { responsibilities } = z.object({ responsibilities: asList }).parse(request.body ?? {});
    const known = new Set(listResponsibilityStatements(framework()).map((s) => s.id));
    const ticked = responsibilities.filter((id) => known.has(id));
    if (ticked.length === 0) {
      const errors = [{ field: 'responsibilities', href: '#responsibilities', text: 'Select at least one statement that describes your work' }];
      return reply.status(400).view('self-assessment/find-archetypes.njk', finderPage([], errors));
    }
    const suggestions = suggestArchetypes(framework(), ticked);
    return reply.view('self-assessment/find-archetypes.njk', { ...finderPage(ticked), suggestions });
  });
}
