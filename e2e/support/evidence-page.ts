import type { Locator } from 'playwright-core';
import { HubPage, squash } from './hub-page.ts';

export interface FileToUpload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A topic's evidence and verification page (/evidence/topics/:topicId), as the learner uses it. */
export class EvidencePage extends HubPage {
  /** A row of the rating summary at the top ("Your rating", "Verified level"). */
  async ratingRow(key: 'Your rating' | 'Verified level'): Promise<string> {
    const row = this.page.locator('main .nhsuk-summary-list__row', { has: this.page.locator('dt', { hasText: key }) });
    return squash(await row.locator('dd').textContent());
  }

  /** The evidence forms are told apart by their submit buttons. */
  private form(button: string): Locator {
    return this.page.locator('main form', { has: this.page.getByRole('button', { name: button, exact: true }) });
  }

  async addNote(note: string, title?: string): Promise<void> {
    const form = this.form('Add note');
    await form.getByLabel('Your note').fill(note);
    if (title !== undefined) await form.getByLabel('Title of the note (optional)').fill(title);
    await this.press(form.getByRole('button', { name: 'Add note' }));
  }

  async addLink(url: string, title?: string): Promise<void> {
    const form = this.form('Add link');
    await form.getByLabel('Web address').fill(url);
    if (title !== undefined) await form.getByLabel('Title of the link (optional)').fill(title);
    await this.press(form.getByRole('button', { name: 'Add link' }));
  }

  async uploadFile(file: FileToUpload, title?: string): Promise<void> {
    const form = this.form('Upload file');
    // With JavaScript, NHS.UK's file upload puts a drop zone button in front of the input; either opens the chooser.
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), form.getByLabel('File', { exact: true }).click()]);
    await chooser.setFiles(file);
    if (title !== undefined) await form.getByLabel('Title of the file (optional)').fill(title);
    await this.press(form.getByRole('button', { name: 'Upload file' }));
  }

  /** Titles of the evidence items listed, newest first as the page shows them. */
  async evidenceTitles(): Promise<string[]> {
    return (await this.page.locator('main .nhsuk-card__heading').allTextContents()).map(squash);
  }

  /** The card of one evidence item, by its title. */
  evidenceItem(title: string): Locator {
    return this.page.locator('main .nhsuk-card', { has: this.page.locator('.nhsuk-card__heading', { hasText: title }) });
  }

  async withdraw(title: string): Promise<void> {
    await this.press(this.evidenceItem(title).getByRole('button', { name: `Withdraw ${title}` }));
  }

  async askForVerification(supervisor: string, message?: string): Promise<void> {
    await this.page.getByRole('group', { name: /^Who should verify your rating of / }).getByLabel(supervisor, { exact: true }).check();
    if (message !== undefined) await this.page.getByLabel('Message (optional)').fill(message);
    await this.press('Ask for verification');
  }

  /** The verification history table, each row as its cells' text. */
  async historyRows(): Promise<string[][]> {
    const table = this.page.locator('main table', { has: this.page.locator('caption', { hasText: 'Your verification requests' }) });
    const rows: string[][] = [];
    for (const row of await table.locator('tbody tr').all()) rows.push((await row.locator('td, th').allTextContents()).map((t) => squash(t).replace(/^\S+ heading\s*/, '')));
    return rows;
  }
}
