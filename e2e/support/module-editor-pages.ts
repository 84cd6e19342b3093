import type { Locator } from 'playwright-core';
import { HubPage, squash } from './hub-page.ts';

/** A knowledge check question as an Embedder writes it; `correct` counts options from 1. */
export interface QuestionFields {
  prompt: string;
  kind: 'One right answer' | 'Several right answers';
  options: readonly string[];
  correct: readonly number[];
}

/** The page where an Embedder writes a product version's training module and knowledge check. */
export class ModuleEditorPages extends HubPage {
  async openModule(productId: string, versionId: string, status = 200): Promise<void> {
    await this.open(`/products/${productId}/versions/${versionId}/module`, status);
  }

  async caption(): Promise<string> {
    return squash(await this.page.locator('main .nhsuk-caption-l').textContent());
  }

  /** "Not started", "Draft" or "Published". */
  async status(): Promise<string> {
    return squash(await this.page.locator('main .nhsuk-tag').first().textContent());
  }

  /** The links under "What still stops publishing", as text and target. */
  async publishBlockers(): Promise<Array<{ text: string; href: string }>> {
    const links = this.page.locator('#publish-blockers a');
    return (await links.evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })))).map((l) => ({ text: squash(l.text), href: l.href }));
  }

  /** How many sections the module has: one textarea each. */
  async sectionCount(): Promise<number> {
    return this.page.locator('main textarea[name^="section-"]').count();
  }

  /** The pre-filled text shown above a section's textarea, by section number from 1. */
  async prefillText(section: number): Promise<string> {
    const heading = this.page.locator('main h3').nth(section - 1);
    const next = heading.locator('xpath=following-sibling::*[1]');
    if (squash(await next.textContent()) !== 'From the product’s record') return '';
    return squash(await heading.locator('xpath=following-sibling::div[1]').textContent());
  }

  async writeSection(section: number, content: string): Promise<void> {
    await this.page.getByLabel(`Your content for section ${section}`, { exact: true }).fill(content);
  }

  async setPassMark(percent: string): Promise<void> {
    await this.page.getByLabel('Pass mark', { exact: true }).fill(percent);
  }

  /** The fieldset of a question, by its legend: "Question 2" or "Add a question (optional)". */
  question(legend: string): Locator {
    return this.page.getByRole('group', { name: legend, exact: true });
  }

  /** Every question fieldset's legend, in page order. */
  async questionLegends(): Promise<string[]> {
    return (await this.page.locator('main form > fieldset > legend').allTextContents()).map(squash);
  }

  /** Fills the blank "add a question" fieldset. */
  async addQuestion(fields: QuestionFields): Promise<void> {
    await this.fillQuestion('Add a question (optional)', fields);
  }

  async fillQuestion(legend: string, { prompt, kind, options, correct }: QuestionFields): Promise<void> {
    const question = this.question(legend);
    await question.getByLabel('Question text', { exact: true }).fill(prompt);
    await question.getByRole('group', { name: 'How many right answers does it have?' }).getByLabel(kind, { exact: true }).check();
    const optionInputs = question.getByRole('group', { name: 'Options', exact: true });
    for (const [slot, text] of options.entries()) await optionInputs.getByLabel(`Option ${slot + 1}`, { exact: true }).fill(text);
    const marks = question.getByRole('group', { name: 'Which options are correct?' });
    for (const slot of correct) await marks.getByLabel(`Option ${slot}`, { exact: true }).check();
  }

  async saveDraft(): Promise<void> {
    await this.press('Save draft');
  }

  async saveAndPublish(): Promise<void> {
    await this.press('Save and publish');
  }
}
