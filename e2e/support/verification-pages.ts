import type { Download } from 'playwright-core';
import { HubPage, squash } from './hub-page.ts';

/** The supervisor's side: the queue, a request and its decision, and a person's assessment with its advanced focus. */
export class VerificationPages extends HubPage {
  async openQueue(): Promise<void> {
    await this.followHeaderLink('Verification queue');
  }

  /** The queue's rows, each as its cells' text (the "Verify selected" checkbox cell left out). */
  async queueRows(): Promise<string[][]> {
    const rows: string[][] = [];
    for (const row of await this.page.locator('main table tbody tr').all()) rows.push((await row.locator('td:not(:has(input[type="checkbox"]))').allTextContents()).map(squash));
    return rows;
  }

  async openRequest(topic: string): Promise<void> {
    await this.follow(topic, this.page.locator('main table'));
  }

  /** Fills the decision form by its labels; leave a field out to leave it empty. */
  async decide({ outcome, level, reason, comment }: { outcome: 'Set a different level' | 'Return it with a comment, without deciding a level' | RegExp; level?: string; reason?: string; comment?: string }): Promise<void> {
    await this.page.getByRole('group', { name: /^Can you verify / }).getByLabel(outcome, { exact: typeof outcome === 'string' }).check();
    if (level !== undefined) await this.page.getByLabel('The level you can verify').selectOption({ label: level });
    if (reason !== undefined) await this.page.getByLabel('Why you are setting a different level').fill(reason);
    if (comment !== undefined) await this.page.getByLabel('What they should do before asking again').fill(comment);
    await this.press('Save decision');
  }

  /** The decision's summary rows once it is made, as "key: value". */
  async decisionRows(): Promise<Record<string, string>> {
    const list = this.page.locator('main h2#decision + .nhsuk-summary-list');
    const entries: Array<[string, string]> = [];
    for (const row of await list.locator('.nhsuk-summary-list__row').all()) entries.push([squash(await row.locator('dt').textContent()), squash(await row.locator('dd').textContent())]);
    return Object.fromEntries(entries);
  }

  /** Clicks an evidence file's download link and returns what the browser saved. */
  async downloadEvidence(fileName: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: `Download ${fileName}` }).click()]);
    return download;
  }

  // A person's assessment (/people/:id/assessment)

  /** Agrees an advanced focus (R7) for one archetype: tick factors, give a reason, press "Agree focus". */
  async agreeFocus(archetype: string, factors: readonly string[], reason: string): Promise<void> {
    const form = this.page.locator('main form', { has: this.page.getByRole('group', { name: `Factors to focus on as ${archetype}` }) });
    for (const factor of factors) await form.getByRole('group', { name: `Factors to focus on as ${archetype}` }).getByLabel(factor, { exact: true }).check();
    await form.getByLabel('Reason for this focus').fill(reason);
    await this.press(form.getByRole('button', { name: 'Agree focus' }));
  }

  /** What the page says about an archetype's focus, under its heading. */
  async focusText(archetype: string): Promise<string> {
    return squash(await this.page.locator(`main h3:text-is("${archetype}") + p`).textContent());
  }
}
