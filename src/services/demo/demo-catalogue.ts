import { randomUUID } from 'node:crypto';
import type { CatalogueRepository } from '../../db/catalogue.repository.ts';
import type { Database } from '../../db/client.ts';
import type { ResourceFormat, ResourceInput, ResourceOutcome, ResourceStatus } from '../catalogue/catalogue.types.ts';
import { columnsOf, revisionRow } from '../catalogue/resource-records.ts';

/**
 * The demo learning catalogue: invented resources, every one marked sample, from providers named
 * "(demo data)" and linking only to example.org, so nobody mistakes them for real courses. They
 * cover the foundational topics well and many advanced ones, and leave some advanced topics
 * (mostly Creator and Shaper skills) untaught, so the curation-gap report has something to say.
 */

/** Owned by the national organisation, curated by its educator (Shaper Persona 2 guides training). */
export const DEMO_CATALOGUE_OWNER = 'nhs-england';
export const DEMO_CATALOGUE_CURATOR = 'anika.desai';
export const DEMO_RESOURCE_URL_BASE = 'https://example.org/ai-confidence-hub/sample-resources/';

export interface DemoResource extends Omit<ResourceInput, 'url' | 'prerequisiteIds'> {
  key: string;
  status: ResourceStatus;
  /** Keys of demo resources to take first. */
  prerequisites: string[];
}

const NHS = 'Sample NHS learning provider (demo data)';
const UNIVERSITY = 'Sample university (demo data)';
const COLLEGE = 'Sample royal college (demo data)';
const ACADEMY = 'Sample digital academy (demo data)';
const SUPPLIER = 'Sample AI supplier (demo data)';
const CPD = (credits: number) => `Sample CPD body (demo data): ${credits} ${credits === 1 ? 'credit' : 'credits'}`;

interface Extra {
  costPence?: number;
  cpd?: number;
  vendor?: boolean;
  audience?: string[];
  audienceNote?: string;
  reviewDate?: string;
  status?: ResourceStatus;
  prerequisites?: string[];
}

/** `outcomes` as `topic:level;topic:level`, the catalogue's CSV notation. */
function resource(key: string, title: string, provider: string, format: ResourceFormat, durationMinutes: number, outcomes: string, description: string, extra: Extra = {}): DemoResource {
  return {
    key,
    title,
    provider,
    description,
    format,
    durationMinutes,
    costPence: extra.costPence ?? 0,
    cpdAccredited: extra.cpd !== undefined,
    cpdDetail: extra.cpd === undefined ? null : CPD(extra.cpd),
    activityId: null,
    vendorNeutral: extra.vendor !== true,
    audienceArchetypes: extra.audience ?? [],
    audienceNote: extra.audienceNote ?? null,
    reviewDate: extra.reviewDate ?? '2026-12-31',
    outcomes: outcomes.split(';').map((pair): ResourceOutcome => {
      const [topicId = '', level = ''] = pair.split(':');
      return { topicId, level };
    }),
    status: extra.status ?? 'published',
    prerequisites: extra.prerequisites ?? [],
  };
}

export const DEMO_RESOURCES: readonly DemoResource[] = [
  // Foundational: AI literacy, for everyone.
  resource('ai-in-five-minutes', 'AI in five minutes: what it is and is not', NHS, 'video', 5, 'ai-definitions:awareness', 'A short animation that separates algorithms, AI, machine learning and deep learning, with everyday examples.'),
  resource('ai-glossary', 'AI glossary for health and care', NHS, 'reading', 10, 'ai-definitions:awareness', 'Plain-English definitions of the AI terms staff meet most often, with links to further reading.'),
  resource('introduction-to-ai', 'Introduction to AI in health and care', NHS, 'e-learning', 45, 'ai-applications-in-health:awareness;problems-suited-to-ai:awareness;ai-definitions:familiarity;how-ai-learns:awareness', 'The self-paced foundational module: where AI is used in health and care today, which problems suit it and how it learns from data.', { cpd: 1 }),
  resource('machine-learning-explained', 'Machine learning explained for clinicians', ACADEMY, 'video', 20, 'how-ai-learns:familiarity;ai-definitions:familiarity', 'Supervised, unsupervised and reinforcement learning explained with clinical examples, without any maths.', { prerequisites: ['ai-in-five-minutes'] }),
  resource('podcast-ai-stories', 'Podcast: stories of AI in the NHS', NHS, 'podcast', 30, 'successful-implementations:awareness;ai-applications-in-health:awareness;value-and-impact-of-ai:awareness', 'Staff from three fictional trusts describe AI they have introduced, what worked and what they would do differently.'),
  resource('foundations-course', 'Foundations of AI confidence for all NHS staff', NHS, 'course', 360, 'multidisciplinary-approach:awareness;deployment-risks:awareness;ai-and-inequity:awareness;model-bias:awareness;testing-and-validation:awareness;ongoing-monitoring:awareness;explainability:awareness;deskilling:awareness;appropriate-confidence:awareness;cognitive-biases:awareness;fairness-and-accountability:awareness;patient-choice:awareness', 'A six-hour blended course covering every foundational topic of the framework, in short units that can be taken over several weeks.', { cpd: 6, prerequisites: ['introduction-to-ai'] }),
  resource('why-ai-needs-a-team', 'Why AI needs a multidisciplinary team', NHS, 'video', 10, 'multidisciplinary-approach:awareness', 'Why clinicians, data scientists, IT, information governance and safety officers all have a part in bringing AI into a service.'),
  resource('how-ai-is-tested', 'How AI is tested before you see it', UNIVERSITY, 'e-learning', 25, 'testing-and-validation:familiarity', 'Training, validation and test data; retrospective and prospective studies; what a published accuracy figure does and does not tell you.'),
  resource('bias-in-ai-models', 'Bias in AI models: how it arises', UNIVERSITY, 'e-learning', 30, 'model-bias:familiarity;ai-and-inequity:awareness', 'How unrepresentative data and design choices build bias into AI models, and how it is measured.'),
  resource('podcast-ai-and-inequalities', 'Podcast: AI and health inequalities', ACADEMY, 'podcast', 40, 'ai-and-inequity:familiarity;fairness-and-accountability:awareness', 'A conversation about who AI can leave behind, and what fairness and accountability mean in practice.'),
  resource('deploying-ai-safely', 'Deploying AI safely: risks and lessons', NHS, 'webinar', 60, 'deployment-risks:awareness;successful-implementations:awareness;multidisciplinary-approach:awareness', 'A recorded webinar on the main risks of deploying AI in clinical settings, with lessons from implementations that went well.'),
  resource('monitoring-after-go-live', 'Monitoring AI after go-live', NHS, 'e-learning', 30, 'ongoing-monitoring:familiarity', 'Why AI performance drifts, what to watch after deployment and who should be told when it changes.'),
  resource('black-boxes-explained', 'Black boxes and explainability', UNIVERSITY, 'reading', 30, 'explainability:familiarity', 'A short guide to transparency and explainability: what "black box" means and what explanation methods can and cannot offer.'),
  resource('will-ai-deskill-us', 'Will AI deskill us? An evidence summary', COLLEGE, 'reading', 40, 'deskilling:familiarity', 'What the evidence says about deskilling when AI takes on clinical tasks, and how services keep skills up.'),
  resource('human-in-the-loop', 'Human in the loop: autonomous and assistive AI', ACADEMY, 'video', 15, 'autonomous-ai:familiarity', 'The difference between AI that decides and AI that advises, and what changes for the people around it.'),

  // Foundational: governance.
  resource('device-regulation-basics', 'Medical device regulation of AI: the basics', NHS, 'e-learning', 30, 'ce-ukca-marking:awareness;regulation-of-care-settings:familiarity', 'What CE and UKCA marking mean for AI software, and how the regulation of care settings applies to technology.'),
  resource('regulators-and-ai', 'Regulators and AI: who oversees what', NHS, 'webinar', 60, 'regulation-of-care-settings:familiarity;ce-ukca-marking:familiarity;professional-regulator-guidance:familiarity', 'A panel of (fictional) regulators explain how device, care-setting and professional regulation fit together for AI.'),
  resource('what-your-regulator-says', 'What your professional regulator says about AI', COLLEGE, 'reading', 20, 'professional-regulator-guidance:familiarity;clinician-responsibilities:familiarity', 'Professional regulators’ guidance on using technology in practice, and what it means for your responsibilities when AI informs a decision.'),
  resource('guidelines-and-ai', 'Clinical guidelines and AI: a practical guide', COLLEGE, 'reading', 25, 'clinical-guidelines-for-ai:familiarity;good-practice-without-guidelines:familiarity', 'Which clinical guidelines apply when AI is used, and good practice where no product-specific guideline exists yet.'),
  resource('who-is-liable', 'Who is liable when AI gets it wrong?', UNIVERSITY, 'webinar', 60, 'liability-and-legal-frameworks:awareness', 'An introduction to negligence, product liability and the legal frameworks that apply when AI contributes to harm.'),
  resource('information-governance-for-ai', 'Information governance for AI projects', NHS, 'e-learning', 40, 'information-governance:familiarity;interoperability-and-integration:awareness', 'Information governance principles for patient data used by AI, and how AI connects to existing systems.'),

  // Clinical use, mostly for Users.
  resource('appropriate-confidence-simulation', 'Appropriate confidence in AI: a simulation workshop', COLLEGE, 'simulation', 180, 'appropriate-confidence:understanding;cognitive-biases:understanding;balancing-ai-assistance:capability', 'Case-based simulation in which participants meet AI advice that is right, wrong and uncertain, and reflect on over- and under-reliance.', { costPence: 15000, cpd: 3, audience: ['user'], audienceNote: 'Clinicians who use AI in decisions.' }),
  resource('talking-with-patients', 'Talking with patients about AI in their care', COLLEGE, 'workshop', 120, 'explaining-ai-to-patients:capability;discussing-data-use:capability;patient-choice:awareness;fairness-and-accountability:familiarity', 'Practise explaining how AI was used in someone’s care, discussing their data, and respecting their choices.', { cpd: 2, audience: ['user'] }),
  resource('context-and-reliance', 'Context and reliance: when to trust the AI', ACADEMY, 'video', 25, 'context-and-reliance:understanding;expertise-and-reliance:understanding;ai-versus-other-information:understanding', 'How workflow, decision context and your own expertise change how much weight AI output should carry.', { audience: ['user'] }),
  resource('when-ai-disagrees', 'When the AI disagrees with you', COLLEGE, 'simulation', 60, 'ai-contradicts-intuition:understanding;weighing-ai-predictions:capability;when-to-use-ai:capability', 'Short simulated cases where the AI contradicts clinical intuition: what to check, who to ask and how to record it.', { cpd: 1, audience: ['user'], prerequisites: ['context-and-reliance'] }),
  resource('where-to-get-help', 'Where to get help with AI in complex cases', NHS, 'reading', 10, 'seeking-guidance:awareness', 'Who to turn to when an AI output does not fit a complex clinical picture.', { audience: ['user'] }),
  resource('probabilities-and-certainty', 'Reading AI probabilities and certainty scores', UNIVERSITY, 'e-learning', 35, 'probability-and-certainty:understanding;false-positives-and-negatives:familiarity', 'What probabilities, certainty estimates and explanations shown with AI output mean, and the clinical cost of false positives and negatives.', { audience: ['user', 'embedder', 'creator'] }),
  resource('recording-ai-decisions', 'Recording AI-assisted decisions', NHS, 'e-learning', 20, 'recording-assisted-decisions:familiarity;patient-query-pathway:familiarity', 'How to record a decision made with AI, and how patients can query it.', { audience: ['user'] }),
  resource('intended-use-explained', 'Intended use and exclusion criteria explained', NHS, 'video', 8, 'intended-use:familiarity;use-outside-guidelines:familiarity;product-limitations:familiarity', 'How to read an AI product’s intended use, and why using it outside its guidelines matters.'),
  resource('how-ai-fails', 'How AI fails differently from people', ACADEMY, 'video', 12, 'ai-failure-modes:familiarity;outliers:familiarity;algorithm-type-and-trust:familiarity', 'Failure modes of AI compared with human error, and why outlier cases need particular care.'),

  // Advanced: Drivers and Shapers.
  resource('buying-ai', 'Buying AI: procurement for NHS leaders', ACADEMY, 'course', 480, 'procurement-guidelines:understanding;evidence-standards:familiarity;value-and-impact-of-ai:familiarity;performance-versus-benefit:understanding', 'A one-day course on AI procurement guidelines, evidence standards and building a benefits case that goes beyond accuracy.', { costPence: 25000, cpd: 6, audience: ['driver', 'shaper'] }),
  resource('evidence-standards-webinar', 'Evidence standards for AI products', UNIVERSITY, 'webinar', 90, 'evidence-standards:familiarity;prospective-clinical-studies:awareness;research-and-trial-governance:awareness', 'What evidence standards ask of AI products, and how prospective studies and trial governance fit in.', { audience: ['driver', 'shaper', 'embedder'] }),
  resource('samd-clinical-governance', 'Clinical governance for AI as a medical device', NHS, 'e-learning', 90, 'samd-clinical-governance:understanding;nhs-digital-standards:understanding;medical-device-classes:familiarity;ce-ukca-limitations:familiarity', 'Clinical governance for software as a medical device: device classes, clinical risk standards and the limits of certification.', { cpd: 2, audience: ['driver', 'embedder'], prerequisites: ['device-regulation-basics'] }),
  resource('gdpr-and-healthcare-ai', 'GDPR and healthcare AI', UNIVERSITY, 'e-learning', 60, 'gdpr-for-healthcare-ai:understanding', 'Lawful bases, data protection impact assessments and data minimisation for AI that uses patient data.', { audience: ['driver', 'embedder', 'shaper'], prerequisites: ['information-governance-for-ai'] }),
  resource('leading-an-ai-mdt', 'Leading an AI multidisciplinary team', ACADEMY, 'workshop', 360, 'building-ai-mdts:capability;innovation-culture:capability', 'A full-day workshop on recruiting, supporting and leading an AI MDT, and building a culture where innovation is safe.', { costPence: 18000, cpd: 5, audience: ['driver'] }),
  resource('local-validation-course', 'Local validation of AI: when and how', UNIVERSITY, 'course', 720, 'local-validation:understanding;local-validation-skills-and-roles:understanding;algorithmic-audit:understanding;conducting-local-validation:capability', 'A two-day course on deciding when local validation is needed, designing it, and the skills and audit it takes.', { costPence: 45000, cpd: 12, audience: ['driver', 'embedder', 'creator'], prerequisites: ['how-ai-is-tested'] }),
  resource('systems-change', 'Systems change for digital leaders', ACADEMY, 'course', 1440, 'leading-systems-change:capability;evaluating-service-impact:capability;workflow-design:familiarity', 'A three-day programme on change management, evaluating impact on services and the workforce, and designing workflows around AI.', { costPence: 60000, cpd: 18, audience: ['driver', 'shaper'] }),
  resource('ai-safety-incidents', 'Reporting and managing AI safety incidents', NHS, 'e-learning', 30, 'incident-reporting:understanding;safety-reporting-processes:capability', 'How AI safety incidents are detected, reported and managed, and how to set up the processes for it.', { cpd: 1, audience: ['driver', 'shaper', 'embedder', 'creator'] }),
  resource('research-or-evaluation', 'Research or service evaluation? Decision tools explained', UNIVERSITY, 'reading', 15, 'research-or-service-evaluation:understanding', 'How to tell research from service evaluation for an AI project, and the governance each needs.', { audience: ['driver'] }),
  resource('working-with-industry', 'Working with industry on AI co-design', ACADEMY, 'webinar', 60, 'working-with-industry:capability;industry-collaboration:familiarity', 'Approaching suppliers for collaborative problem solving and co-design, with contracts and expectations that protect patients.', { audience: ['driver', 'shaper'] }),
  resource('ai-policy-for-national-leaders', 'AI policy and regulation for national leaders', UNIVERSITY, 'course', 900, 'liability-and-adoption:understanding;ce-ukca-marking:understanding;medical-device-classes:understanding;device-development-guidelines:familiarity;ai-and-inequity:understanding', 'A part-time course for those who set AI policy: regulation, liability, device guidelines and equity at national scale.', { cpd: 15, audience: ['shaper'] }),
  resource('designing-ai-education', 'Designing AI education for the workforce', NHS, 'workshop', 180, 'meeting-staff-learning-needs:capability;staff-learning-needs:understanding', 'Work out what your staff need to learn about AI, and plan education that reaches the digitally unengaged too.', { audience: ['shaper', 'driver'] }),
  resource('liability-in-depth', 'AI liability in depth: negligence, product liability and indemnity', UNIVERSITY, 'course', 240, 'liability-and-legal-frameworks:understanding', 'An in-depth look at how liability for AI is decided, with worked (fictional) cases.', { costPence: 12000, cpd: 4, prerequisites: ['who-is-liable'] }),
  resource('leadership-fellowship', 'Digital health leadership fellowship (sample)', ACADEMY, 'fellowship', 30_000, 'strategic-impact-evaluation:capability;leading-digitisation:capability;digital-transformation:understanding;staff-learning-needs:understanding;workforce-data-skills:capability;innovation-culture:proficiency;leading-systems-change:proficiency', 'A funded, year-long fellowship alongside your job: lead a real digitisation project with mentoring, action learning and a final evaluation.', { cpd: 50, audience: ['driver', 'shaper'], audienceNote: 'By application; places are limited.', prerequisites: ['leading-an-ai-mdt'] }),

  // Advanced: Creators and Embedders.
  resource('python-for-health-data', 'Python for health data', ACADEMY, 'course', 1200, 'coding-for-ai:capability;data-wrangling:capability', 'Twenty hours of self-paced practice extracting, cleaning and exploring health data in Python notebooks.', { audience: ['creator', 'embedder'] }),
  resource('machine-learning-fundamentals', 'Machine learning fundamentals for healthcare', UNIVERSITY, 'course', 1800, 'types-of-data-driven-problems:understanding;types-of-algorithms:understanding;neural-networks:understanding;how-ai-learns:understanding;data-for-ai-models:familiarity;limitations-of-trained-models:understanding', 'A thirty-hour course on problem types, algorithms, neural networks and the data they need, with health examples throughout.', { costPence: 30000, cpd: 30, audience: ['creator', 'embedder'], prerequisites: ['python-for-health-data', 'machine-learning-explained'] }),
  resource('evaluating-ai-models', 'Evaluating AI models: metrics that matter', UNIVERSITY, 'e-learning', 120, 'performance-metrics:understanding;evaluating-models-with-metrics:capability;applying-validation-methods:capability;validation-design-error-and-bias:understanding', 'Sensitivity, specificity, calibration and more: choosing and interpreting metrics, and validation designs that avoid hidden bias.', { cpd: 2, audience: ['creator', 'embedder', 'user'] }),
  resource('bias-assessment-lab', 'Bias assessment lab', UNIVERSITY, 'simulation', 240, 'bias-assessment:capability;model-bias:understanding', 'Hands-on lab: measure a model’s performance across patient groups, find the bias and try ways to mitigate it.', { cpd: 4, audience: ['creator', 'embedder'], prerequisites: ['bias-in-ai-models'] }),
  resource('clinical-risk-standards', 'Applying clinical risk management standards in practice', NHS, 'workshop', 420, 'applying-clinical-risk-standards:capability;nhs-digital-standards:understanding;managing-samd-clinical-governance:capability', 'A one-day workshop producing a hazard log and safety case for a (fictional) AI product under NHS clinical risk management standards.', { costPence: 20000, cpd: 7, audience: ['creator', 'embedder'] }),
  resource('transparency-standards', 'Model transparency standards in practice', ACADEMY, 'reading', 45, 'applying-transparency-standards:capability;explainability:understanding', 'How to apply model transparency guidelines and standards, with templates for model cards.', { audience: ['creator', 'embedder'] }),
  resource('user-centred-design', 'User-centred design for clinical AI', ACADEMY, 'workshop', 240, 'user-centred-design:capability;design-and-user-confidence:awareness;workflow-design:understanding', 'Co-design methods for clinical AI: user research, prototyping and testing designs that earn appropriate confidence.', { audience: ['creator'] }),
  resource('integrating-with-hospital-it', 'Integrating AI with hospital IT', ACADEMY, 'course', 600, 'interoperability-and-integration:understanding;integrating-ai:capability', 'Ten hours on interoperability standards and integrating AI with clinical systems, with a sandbox to practise in.', { audience: ['embedder'] }),
  resource('post-deployment-monitoring', 'Designing post-deployment monitoring for AI', UNIVERSITY, 'e-learning', 90, 'monitoring-deployed-ai:capability;ongoing-monitoring:understanding;algorithmic-audit-practice:capability', 'Design monitoring and algorithmic audits that catch drift and harm after an AI product goes live.', { cpd: 2, audience: ['embedder', 'creator'], prerequisites: ['monitoring-after-go-live'] }),
  resource('critical-appraisal-of-ai-studies', 'Critical appraisal of AI studies', COLLEGE, 'course', 300, 'appraising-published-evidence:capability;evidence-standards:familiarity;prospective-clinical-studies:awareness', 'Appraise published evidence of AI performance using structured checklists, in small online groups.', { costPence: 7500, cpd: 5, audience: ['embedder', 'user'] }),
  resource('trial-governance', 'Governance for AI research and clinical trials', UNIVERSITY, 'e-learning', 60, 'research-and-trial-governance:understanding', 'Approvals, protocols and reporting guidelines for AI research and clinical trials.', { audience: ['creator', 'embedder'] }),
  resource('scope-of-use', 'Defining scope of use and exclusion criteria', UNIVERSITY, 'workshop', 180, 'defining-scope-of-use:capability;judging-need-for-local-validation:capability', 'Define where an AI product may and may not be used, and judge when a new setting needs local validation first.', { audience: ['creator', 'embedder'] }),

  // A supplier's own material (R9): told apart from vendor-neutral resources.
  resource('triage-assistant-onboarding', 'Triage assistant onboarding (sample supplier material)', SUPPLIER, 'e-learning', 30, 'product-contacts:familiarity;intended-use:familiarity;product-limitations:familiarity', 'A supplier’s onboarding module for its (fictional) emergency department triage assistant.', { vendor: true, audience: ['user'] }),
  resource('reading-heatmaps', 'Chest X-ray AI: reading the heatmaps (sample supplier material)', SUPPLIER, 'video', 15, 'explainability:familiarity;false-positives-and-negatives:familiarity', 'A supplier’s walk-through of the heatmaps its (fictional) chest X-ray product shows, and the findings it tends to miss.', { vendor: true, audience: ['user'] }),
  resource('imaging-ai-business-case', 'The business case for imaging AI (sample supplier webinar)', SUPPLIER, 'webinar', 45, 'value-and-impact-of-ai:familiarity;performance-versus-benefit:familiarity', 'A supplier’s view of the costs and benefits of imaging AI. Weigh it against vendor-neutral sources.', { vendor: true, audience: ['driver'] }),
  resource('connecting-to-pacs', 'Connecting an AI platform to your PACS (sample supplier guide)', SUPPLIER, 'reading', 60, 'interoperability-and-integration:familiarity', 'A supplier’s technical guide to connecting its (fictional) platform to imaging systems.', { vendor: true, audience: ['embedder'] }),

  // Not published: a draft in progress and a retired edition, for the curation pages.
  resource('generative-ai-documentation', 'Generative AI in clinical documentation (draft)', NHS, 'e-learning', 40, 'ai-applications-in-health:familiarity;deployment-risks:familiarity', 'A draft module on ambient scribes and other generative AI in clinical documentation.', { status: 'draft' }),
  resource('introduction-to-ai-2019', 'Introduction to AI (2019 edition)', NHS, 'e-learning', 60, 'ai-definitions:awareness;ai-applications-in-health:awareness', 'The first edition of the introductory module, replaced by Introduction to AI in health and care.', { status: 'retired' }),
];

export const demoResourceUrl = (key: string) => `${DEMO_RESOURCE_URL_BASE}${key}`;

/**
 * Loads the demo catalogue in the caller's transaction, as one import by the demo educator: every
 * resource at version 1 with its "imported" revision.
 */
export async function insertDemoCatalogue(
  catalogue: Pick<CatalogueRepository, 'insertResource' | 'replaceLinks' | 'listResourcesByIds' | 'insertRevisions'>,
  owner: { organisationId: string; createdBy: string; frameworkId: string },
  tx: Database,
): Promise<number> {
  const ids = new Map(DEMO_RESOURCES.map((r) => [r.key, randomUUID()]));
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`demo resource ${key} is not in the demo catalogue`);
    return id;
  };
  const at = new Date();
  for (const r of DEMO_RESOURCES) {
    const input: ResourceInput = { ...r, url: demoResourceUrl(r.key), prerequisiteIds: [] };
    await catalogue.insertResource(
      {
        ...columnsOf(input),
        id: idOf(r.key),
        organisationId: owner.organisationId,
        frameworkId: owner.frameworkId,
        status: r.status,
        sample: true,
        createdBy: owner.createdBy,
        createdAt: at,
        updatedAt: at,
        publishedAt: r.status === 'published' ? at : null,
        retiredAt: r.status === 'retired' ? at : null,
      },
      tx,
    );
  }
  for (const r of DEMO_RESOURCES) await catalogue.replaceLinks(idOf(r.key), { outcomes: r.outcomes, prerequisiteIds: r.prerequisites.map(idOf) }, tx);
  const records = await catalogue.listResourcesByIds([...ids.values()], tx);
  await catalogue.insertRevisions(records.map((record) => revisionRow(record, { personId: owner.createdBy }, 'imported', at)), tx);
  return records.length;
}
