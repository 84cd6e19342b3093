import type { Locator } from 'playwright-core';
import { HubPage, squash } from './hub-page.ts';

/** The learner's self-assessment: overview, roles, archetype finder, factor pages, summary and history. */
export class SelfAssessmentPages extends HubPage {
  async openOverview(): Promise<void> {
    await this.followHeaderLink('My self-assessment');
  }

  /** "You have rated N of M subjects…" on the overview. */
  async progressText(): Promise<string> {
    return squash(await this.page.locator('main h2:text-is("Progress") + p').textContent());
  }

  /** A factor page's status in the overview's task list ("Completed", "2 of 4 rated", "Not started"). */
  async factorStatus(factor: string): Promise<string> {
    const item = this.page.locator('.nhsuk-task-list__item', { has: this.page.getByRole('link', { name: factor, exact: true }) });
    return squash(await item.locator('.nhsuk-task-list__status').textContent());
  }

  async openFactor(factor: string): Promise<void> {
    await this.follow(factor, this.page.locator('.nhsuk-task-list'));
  }

  // Archetype finder

  async tickStatements(statements: readonly string[]): Promise<void> {
    const group = this.page.getByRole('group', { name: 'Which of these do you do, or expect to do?' });
    for (const statement of statements) await group.getByLabel(statement, { exact: true }).check();
  }

  /** The archetypes the finder suggested, in its order. */
  async suggestedArchetypes(): Promise<string[]> {
    return (await this.page.locator('main .nhsuk-card__heading').allTextContents()).map(squash);
  }

  // Roles with AI

  archetypeBox(archetype: string): Locator {
    return this.page.getByRole('group', { name: 'Which archetypes describe your work with AI?' }).getByLabel(archetype, { exact: true });
  }

  async fillProfile({ clinicalDecisionMaking, professionalGroup, setting }: { clinicalDecisionMaking?: 'Yes' | 'No'; professionalGroup?: string; setting?: string }): Promise<void> {
    if (clinicalDecisionMaking) await this.page.getByRole('group', { name: /used in clinical reasoning and decision making/ }).getByLabel(clinicalDecisionMaking, { exact: true }).check();
    if (professionalGroup) await this.page.getByLabel('Professional group').selectOption({ label: professionalGroup });
    if (setting) await this.page.getByLabel('Where you work').selectOption({ label: setting });
  }

  /** The profile rows on the overview, as "key: value". */
  async profileRows(): Promise<Record<string, string>> {
    const rows = this.page.locator('main .nhsuk-summary-list__row');
    const entries: Array<[string, string]> = [];
    for (const row of await rows.all()) entries.push([squash(await row.locator('dt').textContent()), squash(await row.locator('dd.nhsuk-summary-list__value').textContent())]);
    return Object.fromEntries(entries);
  }

  // Factor pages

  /** The subjects asked on this factor page, in order. */
  async subjects(): Promise<string[]> {
    return (await this.page.locator('main form h2').allTextContents()).map(squash);
  }

  /** Chooses a level for a subject by the radio's visible label. */
  async rate(subject: string, level: string): Promise<void> {
    await this.page.getByRole('group', { name: `How would you rate yourself on ${subject}?` }).getByLabel(level, { exact: true }).check();
  }

  async openEvidenceFor(subject: string): Promise<void> {
    await this.follow(`Evidence and verification for ${subject}`);
  }

  // Summary and history

  async openSummary(): Promise<void> {
    await this.follow('Summary: requirements met, not met and not yet rated');
  }

  async openHistory(): Promise<void> {
    await this.follow('How your ratings have changed');
  }

  /** "Of the N requirement statements that apply to you, …" */
  async summarySentence(): Promise<string> {
    return squash(await this.page.locator('main p', { hasText: 'requirement statements that apply to you' }).textContent());
  }

  /** Rows of the table captioned `caption`, each as its cells' text. */
  async tableRows(caption: string | RegExp): Promise<string[][]> {
    const table = this.page.locator('main table', { has: this.page.locator('caption', { hasText: caption }) });
    const rows: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) rows.push((await row.locator('th, td').allTextContents()).map(squash));
    return rows;
  }
}
