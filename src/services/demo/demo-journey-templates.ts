import type { CatalogueRepository } from '../../db/catalogue.repository.ts';
import type { Database } from '../../db/client.ts';
import type { JourneyRepository } from '../../db/journey.repository.ts';

/**
 * Demo journey templates built from the demo catalogue (by resource title), published and marked
 * sample like the resources they hold: one for everyone, one per archetype pathway the report
 * describes most fully (Drivers, and Users who rely on AI in clinical decisions).
 */
interface DemoTemplate {
  title: string;
  description: string;
  audienceArchetypes: string[];
  resourceTitles: string[];
}

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  {
    title: 'Foundational AI for all staff (sample)',
    description: 'Where everyone starts: what AI is, how it learns and is tested, how it is regulated, and why it needs a team. Covers most of the foundational subjects the report asks of every worker.',
    audienceArchetypes: [],
    resourceTitles: [
      'AI in five minutes: what it is and is not',
      'Introduction to AI in health and care',
      'Machine learning explained for clinicians',
      'How AI is tested before you see it',
      'Medical device regulation of AI: the basics',
      'What your professional regulator says about AI',
      'Why AI needs a multidisciplinary team',
      'Deploying AI safely: risks and lessons',
    ],
  },
  {
    title: 'Driver advanced pathway (sample)',
    description: 'For those who lead the purchase and roll-out of AI: procurement, evidence standards, local validation, liability and leading an AI multidisciplinary team.',
    audienceArchetypes: ['driver'],
    resourceTitles: ['Buying AI: procurement for NHS leaders', 'Evidence standards for AI products', 'How AI is tested before you see it', 'Local validation of AI: when and how', 'Who is liable when AI gets it wrong?', 'Leading an AI multidisciplinary team'],
  },
  {
    title: 'Using AI in clinical decisions (sample)',
    description: 'For clinicians who use AI in their reasoning and decisions: when to rely on it, reading its certainty, what to record, and talking with patients about it.',
    audienceArchetypes: ['user'],
    resourceTitles: [
      'Context and reliance: when to trust the AI',
      'Reading AI probabilities and certainty scores',
      'Recording AI-assisted decisions',
      'Appropriate confidence in AI: a simulation workshop',
      'Talking with patients about AI in their care',
    ],
  },
];

export async function insertDemoJourneyTemplates(
  repositories: { journeys: Pick<JourneyRepository, 'insertTemplate'>; catalogue: Pick<CatalogueRepository, 'listResourcesByTitles'> },
  owner: { organisationId: string; createdBy: string; frameworkId: string },
  tx: Database,
): Promise<number> {
  for (const template of DEMO_TEMPLATES) {
    // Only the demo catalogue's own entries, whatever else shares a title.
    const found = (await repositories.catalogue.listResourcesByTitles(owner.frameworkId, template.resourceTitles, tx)).filter((r) => r.sample && r.organisationId === owner.organisationId);
    const idOf = new Map(found.map((r) => [r.title, r.id]));
    const resourceIds = template.resourceTitles.map((title) => {
      const id = idOf.get(title);
      if (!id) throw new Error(`demo journey template "${template.title}" names "${title}", which is not in the demo catalogue`);
      return id;
    });
    await repositories.journeys.insertTemplate(
      { organisationId: owner.organisationId, frameworkId: owner.frameworkId, title: template.title, description: template.description, audienceArchetypes: template.audienceArchetypes, status: 'published', sample: true, createdBy: owner.createdBy },
      resourceIds,
      tx,
    );
  }
  return DEMO_TEMPLATES.length;
}
