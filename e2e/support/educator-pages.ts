import { readFile } from 'node:fs/promises';
import { CataloguePages } from './catalogue-pages.ts';
import { squash } from './hub-page.ts';

/** The educator's catalogue pages added for issue 11: downloads, the retire form, the review list. */
export class EducatorPages extends CataloguePages {
  /** Clicks a download link and returns the file the browser saved: its suggested name and text. */
  async download(linkName: string | RegExp): Promise<{ filename: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: linkName }).click()]);
    // A focused link in running text loses its underline to the NHS focus style, which axe cannot tell from none: leave it as a reader would.
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.mouse.move(0, 0);
    return { filename: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  }

  /** Retires the resource on screen, giving `reason` ('' to give none). */
  async retireWithReason(reason: string): Promise<void> {
    await this.page.getByLabel('Why are you retiring it?', { exact: true }).fill(reason);
    await this.press('Retire this resource');
  }

  /** The titles in the first column of the table captioned `caption`, in page order. */
  async tableRowTitles(caption: string): Promise<string[]> {
    const table = this.page.locator('main table', { has: this.page.locator('caption', { hasText: caption }) });
    return (await table.locator('tbody tr > :first-child').allTextContents()).map(squash);
  }

  /** How tall the page is, in CSS pixels. */
  async pageHeight(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollHeight);
  }
}
