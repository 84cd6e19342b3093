import { AssurancePages } from './assurance-pages.ts';

/** The supplier's questionnaire, answered through its link, and the lead's supplier link page. */
export class SupplierPages extends AssurancePages {
  async answer(questionId: string, text: string): Promise<void> {
    await this.page.locator(`#response-${questionId}`).fill(text);
  }

  async answerOf(questionId: string): Promise<string> {
    return this.page.locator(`#response-${questionId}`).inputValue();
  }

  /** Chooses a CSV file for the upload form and presses its button. */
  async uploadCsv(text: string): Promise<void> {
    await this.page.locator('#csv-file').setInputFiles({ name: 'answers.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await this.press('Upload answers');
  }

  /** The link the lead was shown once, as a path on this hub. */
  async shownLinkPath(): Promise<string> {
    const url = (await this.page.locator('#supplier-link code').textContent()) ?? '';
    return new URL(url.trim()).pathname;
  }
}
