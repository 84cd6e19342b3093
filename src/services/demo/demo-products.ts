import type { Database } from '../../db/client.ts';
import type { ProductRepository } from '../../db/product.repository.ts';
import type { ProductTrainingRepository } from '../../db/product-training.repository.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { planProductModule, scoreAttempt } from '../../domain/products/index.ts';
import type { KnowledgeCheck, TrainingImpact } from '../../domain/products/index.ts';
import { snapshotOf } from '../products/module-revisions.ts';
import type { ProductInput } from '../products/product-input.ts';

/**
 * Demo AI products, so both sides of rule R3 are visible: tri-X, the chest X-ray triage product of
 * the report's Box 2 (used in clinical decision making), live at Nymouth ICS with versions 1.0 and
 * 1.1 (refresher required), and an appointment-booking assistant at Holpot Hill practice (User
 * Persona 3; not clinical decision making). Box 2's Nymouth ICS Embedder, Priya Nair, leads both.
 * tri-X and Triadix are the report's own fictional names; the booking assistant's maker is invented.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** People and organisations the demo products refer to, by demo key. */
export const DEMO_PRODUCT_LEAD = 'priya.nair';

interface DemoVersion {
  label: string;
  releasedOn: string;
  releaseNotes: string;
  trainingImpact: TrainingImpact;
  affectedTopics: string[];
}

interface DemoUser {
  person: string;
  /** The version whose module they passed, if any. */
  passed: string | null;
}

interface DemoProduct {
  owner: string;
  facts: ProductInput;
  versions: DemoVersion[];
  deployment: { organisation: string; startedOn: string; liveVersion: string; refresherDays: number };
  /** Requirement id → the Embedders' own content for the module's section. */
  content: Record<string, string>;
  check: KnowledgeCheck;
  users: DemoUser[];
}

const TRI_X: DemoProduct = {
  owner: 'nymouth-ics',
  facts: {
    name: 'tri-X',
    manufacturer: 'Triadix',
    intendedUse: 'Triages adult chest X-rays into urgent and routine worklists so that radiologists report the films most likely to show serious abnormality first.',
    inclusionCriteria: 'Adults (16 and over); posteroanterior (PA) and anteroposterior (AP) chest X-rays taken in the emergency department, inpatient wards and GP direct access.',
    exclusionCriteria: 'Under-16s; lateral views; films with more than two lines or tubes; images from mobile units not on the approved list.',
    clinicalDecisionMaking: true,
    autonomy: 'human-in-the-loop',
    deviceClass: 'UK MDR Class IIa software as a medical device',
    marking: 'UKCA marked',
    explanations: 'Each film gets a triage flag (urgent or routine), a heat map over the regions that drove the flag, and a confidence score from 0 to 100. Scores under 40 are shown as "low confidence".',
    limitations: 'Validated on adult PA and AP films from three NHS trusts. Sensitivity is lower for small apical nodules and for films with lines and tubes; performance has not been validated for patients with pacemakers.',
    outlierSituations: 'Rotated or under-exposed films, post-operative chests, and patients with congenital heart disease are more likely to be misclassified.',
    contacts: 'Nymouth ICS AI MDT, clinical informatics (ai-mdt@nymouth.example.nhs.uk); out of hours, the on-call radiology registrar.',
    errorReporting: 'Report suspected errors and safety concerns through the trust incident system (category "AI product") and to the MHRA Yellow Card scheme; tell the AI MDT the same day.',
    fallbackPathway: 'If tri-X is unavailable the worklist reverts to time order and the duty radiologist triages manually; the PACS banner shows "AI triage offline".',
    decisionRecording: 'The report template records "AI triage: urgent/routine, confidence N" and whether the reporting radiologist agreed; disagreements are coded for monthly audit.',
    clinicalGuidelines: 'The Royal College of Radiologists’ guidance on AI in imaging; the trust’s chest X-ray reporting standard (every film reported within 48 hours); NICE guidance on suspected lung cancer referral (NG12) for urgent findings.',
    validationPopulations: 'Validated on 41,000 adult chest X-rays from three NHS trusts; patients over 85 and films from mobile units were under-represented. Sensitivity was similar across sex and recorded ethnic groups.',
    performance: 'In the manufacturer’s validation, 94% sensitivity and 88% specificity for any urgent finding; about 1 in 8 films flagged urgent is normal.',
    workflowIntegration: 'Flags appear in the PACS worklist as soon as the film is taken, before the radiologist opens it; the heat map shows only when the film is opened.',
    patientQueryPathway: 'Patients can ask how AI was used in their care through the trust’s Patient Advice and Liaison Service (PALS).',
    dataUse: 'Images are processed on servers in the trust’s network; Triadix receives no identifiable data. Patients can opt out of their images being used to improve the model.',
    patientMaterials: 'The leaflet “Computers helping to read your X-ray” in radiology waiting areas and on the trust website.',
  },
  versions: [
    {
      label: '1.0',
      releasedOn: '2025-09-01',
      releaseNotes: 'First release at Nymouth ICS: urgent and routine triage of adult chest X-rays, with heat maps and confidence scores.',
      trainingImpact: 'none',
      affectedTopics: [],
    },
    {
      label: '1.1',
      releasedOn: '2026-10-15',
      releaseNotes:
        'New model trained on a larger data set: tri-X now flags suspected pneumothorax as urgent. Confidence scores under 40 are shown as "low confidence" and films with more than two lines or tubes are no longer triaged.\n\nCheck the new exclusion and what a low-confidence flag means for your worklist.',
      trainingImpact: 'refresher-required',
      affectedTopics: ['intended-use', 'product-limitations', 'probability-and-certainty'],
    },
  ],
  deployment: { organisation: 'nymouth-ics', startedOn: '2025-06-02', liveVersion: '1.1', refresherDays: 28 },
  content: {
    't2-01': 'tri-X is used under the Royal College of Radiologists guidance on AI in imaging and the trust’s chest X-ray reporting standard. It changes the order films are reported in, never who reports them.',
    't2-02': 'Using tri-X outside its guidelines, for example on a child’s film or to decide a film needs no report, is outside its intended use: the trust’s indemnity and the manufacturer’s warranty may not cover it.',
    't2-03': 'The reporting radiologist remains responsible for every report. A flag that turns out wrong does not move responsibility to Triadix or the trust’s AI MDT; ignoring a flag without reading the film may be hard to defend.',
    't2-04': 'Record why you disagree with a flag. Both following and ignoring AI-derived information are clinical decisions, and the record is what shows they were reasonable.',
    't2-05': 'Only adult PA and AP films are triaged. Anything excluded goes to the routine worklist unflagged: its absence of a flag means nothing.',
    't2-06': 'Report the film, the flag and what you expected. The AI MDT reviews every report within a week and tells you what they found.',
    't2-07': 'The validation data under-represented patients over 85 and films from mobile units. Look out for differences in how often those films are flagged.',
    't2-08': 'Questions about performance or monitoring go to the Nymouth ICS AI MDT; questions about a single film go to the duty radiologist.',
    't2-09': 'A false positive moves a normal film up the list, delaying others; a false negative leaves an abnormal film in the routine list, where it may wait up to 48 hours. The routine list is still reported in full.',
    't2-10': 'tri-X is more likely to be wrong on rotated or under-exposed films, small apical nodules, and chests with lines and tubes.',
    't2-11': 'Use the report template’s AI line, and say whether you agreed with the flag.',
    't2-12': 'Patients can ask how AI was used in their care through PALS; the AI MDT prepares the answer with the reporting radiologist.',
    't2-13': 'Time pressure and a long worklist make it easier to over-trust an urgent flag. A low confidence score is a prompt to look harder, not a reason to skip the film.',
    't2-14': 'The confidence score is not a probability of disease: it is how sure the model is of its triage class. The heat map shows where the model looked, not where the abnormality is.',
    't2-15': 'Flags appear in the PACS worklist before you open a film, so they can anchor your reading. Open the film before you look at the heat map.',
    't2-16': 'If tri-X says routine and you see something urgent, act on your judgement, escalate as usual and report the disagreement to the AI MDT.',
    't2-17': 'Weigh the flag with the request details, previous imaging and the patient’s age and history; none of those are seen by tri-X.',
    't2-18': 'Images are processed within the trust’s network; Triadix sees no identifiable data. Patients can opt out of their images being used to improve the model.',
    't2-19': 'Explain that a computer program helps decide which X-rays are looked at first and that a radiologist reads every X-ray.',
    't2-20': 'Be open that tri-X can miss things and can raise false alarms, and that the radiologist’s report is what their care is based on.',
  },
  check: {
    passMarkPercent: 80,
    questions: [
      {
        id: 'q1',
        prompt: 'tri-X flags a film as routine. What does that mean for the report?',
        kind: 'single',
        options: [
          { id: 'a', text: 'The film still needs a full report by a radiologist' },
          { id: 'b', text: 'The film can be closed without a report' },
          { id: 'c', text: 'The radiographer can report it instead' },
        ],
        correct: ['a'],
      },
      {
        id: 'q2',
        prompt: 'Which films does tri-X not triage in version 1.1?',
        kind: 'multiple',
        options: [
          { id: 'a', text: 'Films of patients under 16' },
          { id: 'b', text: 'Films with more than two lines or tubes' },
          { id: 'c', text: 'Adult PA films from the emergency department' },
          { id: 'd', text: 'Lateral views' },
        ],
        correct: ['a', 'b', 'd'],
      },
      {
        id: 'q3',
        prompt: 'What does a confidence score under 40 tell you?',
        kind: 'single',
        options: [
          { id: 'a', text: 'There is less than a 40% chance of disease' },
          { id: 'b', text: 'The model is unsure of its triage class: look harder at the film' },
          { id: 'c', text: 'The film is too poor to report' },
        ],
        correct: ['b'],
      },
      {
        id: 'q4',
        prompt: 'You disagree with an urgent flag. What do you do?',
        kind: 'single',
        options: [
          { id: 'a', text: 'Follow the flag anyway' },
          { id: 'b', text: 'Report on your judgement and record that you disagreed' },
          { id: 'c', text: 'Leave the film for someone else' },
        ],
        correct: ['b'],
      },
      {
        id: 'q5',
        prompt: 'Where do you report a suspected error?',
        kind: 'multiple',
        options: [
          { id: 'a', text: 'The trust incident system' },
          { id: 'b', text: 'The MHRA Yellow Card scheme' },
          { id: 'c', text: 'Only to Triadix' },
        ],
        correct: ['a', 'b'],
      },
    ],
  },
  users: [
    { person: 'samuel.nwosu', passed: '1.1' },
    // Trained on 1.0 before 1.1 went live: a refresher is due, with what changed.
    { person: 'ben.ashworth', passed: '1.0' },
  ],
};

const BOOKING_ASSISTANT: DemoProduct = {
  owner: 'holpot-pcn',
  facts: {
    name: 'Appointment booking assistant',
    manufacturer: 'Valewise Health Software Ltd (invented for the demo)',
    intendedUse: 'Answers patients’ online and telephone requests for routine appointments and offers slots that match the request, so that reception staff can spend more time on complex requests.',
    inclusionCriteria: 'Routine GP, nurse and health care assistant appointments; repeat appointments for long-term condition reviews.',
    exclusionCriteria: 'Anything a patient describes as urgent or new and worrying, which goes straight to a receptionist; requests on behalf of someone else.',
    clinicalDecisionMaking: false,
    autonomy: 'autonomous',
    deviceClass: 'Not a medical device',
    marking: '',
    explanations: 'Each booking shows the words the assistant matched and the slot type it chose.',
    limitations: 'It does not understand requests in languages other than English, and it misreads some requests that mention more than one problem.',
    outlierSituations: '',
    contacts: 'The practice manager; the PCN digital lead for problems across practices.',
    errorReporting: 'Tell the practice manager about any wrong booking, and log it in the practice significant event log.',
    fallbackPathway: 'If the assistant is down, online requests are held for reception and the phone line goes to the usual queue.',
    decisionRecording: '',
    clinicalGuidelines: 'The Holpot and Vale PCN access policy: patients can always ask to speak to a person, and urgent requests are triaged by a clinician the same day.',
    validationPopulations: 'Tested on 6 months of anonymised requests from four practices; few requests were written in languages other than English.',
    performance: 'In the pilot, 97% of routine requests were booked into the right type of slot.',
    workflowIntegration: '',
    patientQueryPathway: 'Patients can ask the practice manager why a booking was made, as with any complaint about access.',
    dataUse: 'It reads the request text and the patient’s registered details to find slots; requests are kept for 30 days for audit.',
    patientMaterials: '',
  },
  versions: [
    {
      label: '2.3',
      releasedOn: '2026-03-09',
      releaseNotes: 'Release used across Holpot and Vale PCN: routine appointments for GPs, nurses and health care assistants.',
      trainingImpact: 'none',
      affectedTopics: [],
    },
  ],
  deployment: { organisation: 'holpot-hill', startedOn: '2026-04-01', liveVersion: '2.3', refresherDays: 28 },
  content: {
    't2-01': 'The practice follows the PCN’s guidance on digital access: patients can always ask to speak to a person.',
    't2-02': 'Do not let the assistant book anything urgent. Using it for urgent requests is outside its intended use.',
    't2-03': 'The practice remains responsible for every booking the assistant makes, as it would for a receptionist’s.',
    't2-04': 'If a patient says a booking was wrong, treat it like any other complaint about access and record it.',
    't2-05': 'Only routine appointments are booked automatically; anything urgent, new and worrying, or on someone else’s behalf goes to reception.',
    't2-06': 'Log wrong bookings in the significant event log and tell the practice manager the same day.',
    't2-07': 'Patients who do not write in English, or who describe several problems at once, are more likely to be booked wrongly: check their requests.',
  },
  check: {
    passMarkPercent: 100,
    questions: [
      {
        id: 'q1',
        prompt: 'A patient writes that they have new chest pain. What should happen?',
        kind: 'single',
        options: [
          { id: 'a', text: 'The assistant books the next routine slot' },
          { id: 'b', text: 'The request goes straight to a receptionist' },
        ],
        correct: ['b'],
      },
      {
        id: 'q2',
        prompt: 'Where do you record a wrong booking?',
        kind: 'multiple',
        options: [
          { id: 'a', text: 'The practice significant event log' },
          { id: 'b', text: 'Tell the practice manager' },
          { id: 'c', text: 'Nowhere: the assistant corrects itself' },
        ],
        correct: ['a', 'b'],
      },
    ],
  },
  // User Persona 3 has not taken the training yet: it shows in her journey and her AI products.
  users: [{ person: 'beverley.shaw', passed: null }],
};

export const DEMO_PRODUCTS: readonly DemoProduct[] = [TRI_X, BOOKING_ASSISTANT];

export interface DemoProductRefs {
  organisationId: (key: string) => string;
  person: (key: string) => { id: string; organisationId: string };
  framework: FrameworkIndex;
  now: Date;
}

/**
 * Registers the demo products with their versions, published modules and live deployments, links
 * their users and records their passes: what the hub's own flows would have written.
 */
export async function insertDemoProducts(repos: { products: ProductRepository; training: ProductTrainingRepository }, refs: DemoProductRefs, tx: Database): Promise<void> {
  const lead = refs.person(DEMO_PRODUCT_LEAD);
  // The latest version went live a week ago; earlier passes were a month before that.
  const liveSince = new Date(refs.now.getTime() - 7 * DAY_MS);
  const earlier = new Date(liveSince.getTime() - 30 * DAY_MS);
  for (const demo of DEMO_PRODUCTS) {
    const organisationId = refs.organisationId(demo.owner);
    const product = await repos.products.insertProduct({ ...demo.facts, organisationId, createdBy: lead.id }, tx);
    const plan = planProductModule(refs.framework, product);
    const sections = Object.fromEntries(plan.map((s) => [s.requirementId, demo.content[s.requirementId] ?? '']).filter(([, text]) => text !== ''));
    const snapshot = snapshotOf(plan, sections, product, demo.check);
    const moduleByVersion = new Map<string, { moduleId: string; versionId: string; revisionId: string }>();
    for (const v of demo.versions) {
      const version = await repos.products.insertVersion({ ...v, organisationId, productId: product.id, createdBy: lead.id }, tx);
      const published = await repos.training.insertModule(
        { organisationId, productId: product.id, productVersionId: version.id, sections, knowledgeCheck: demo.check, status: 'published', publishedAt: earlier, createdBy: lead.id },
        tx,
      );
      const revision = await repos.training.insertRevision({ organisationId, moduleId: published.id, productVersionId: version.id, number: 1, ...snapshot, publishedBy: lead.id, publishedAt: earlier }, tx);
      moduleByVersion.set(v.label, { moduleId: published.id, versionId: version.id, revisionId: revision.id });
    }
    const live = moduleByVersion.get(demo.deployment.liveVersion);
    if (!live) throw new Error(`demo product ${demo.facts.name} goes live at an unknown version`);
    const deployment = await repos.products.insertDeployment(
      { productId: product.id, organisationId: refs.organisationId(demo.deployment.organisation), status: 'live', startedOn: demo.deployment.startedOn, refresherDays: demo.deployment.refresherDays, createdBy: lead.id },
      tx,
    );
    await repos.products.updateDeployment(deployment.id, { liveVersionId: live.versionId, liveSince: liveSince.toISOString().slice(0, 10) }, tx);
    const dueBy = new Date(liveSince.getTime() + demo.deployment.refresherDays * DAY_MS);
    for (const user of demo.users) {
      const person = refs.person(user.person);
      await repos.products.insertDeploymentUser(
        { organisationId: person.organisationId, deploymentId: deployment.id, personId: person.id, source: 'assigned', linkedBy: lead.id, linkedAt: earlier, dueBy },
        tx,
      );
      const passed = user.passed === null ? undefined : moduleByVersion.get(user.passed);
      if (!passed) continue;
      const answers = Object.fromEntries(demo.check.questions.map((q) => [q.id, q.correct]));
      const score = scoreAttempt(demo.check, answers);
      await repos.training.insertAttempt(
        { organisationId: person.organisationId, personId: person.id, moduleId: passed.moduleId, productVersionId: passed.versionId, revisionId: passed.revisionId, answers, correct: score.correct, total: score.total, passed: score.passed, attemptedAt: passed.versionId === live.versionId ? liveSince : earlier },
        tx,
      );
    }
  }
}
