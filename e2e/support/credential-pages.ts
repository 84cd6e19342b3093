import { readFile } from 'node:fs/promises';
import { HubPage, squash } from './hub-page.ts';

/** A learner's credentials page and the public "Check a credential" page (issue 16 §2). */
export class CredentialPages extends HubPage {
  async openMyCredentials(): Promise<void> {
    await this.followHeaderLink('My credentials');
  }

  async credentialNames(): Promise<string[]> {
    return (await this.page.locator('main li h2').allTextContents()).map(squash);
  }

  /** Downloads one credential through its link, as a browser saves it; returns the file's text. */
  async download(name: string): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: `Download ${name} (JSON)` }).click()]);
    const path = await download.path();
    if (!path) throw new Error('the download was not saved');
    return readFile(path, 'utf8');
  }

  async openCheckPage(): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), this.page.locator('footer').getByRole('link', { name: 'Check a credential' }).click()]);
  }

  async check(json: string): Promise<void> {
    await this.page.getByLabel('The credential (JSON)').fill(json);
    await this.press('Check the credential');
  }

  async result(): Promise<{ heading: string; rows: Record<string, string> }> {
    const card = this.page.locator('#verification-result');
    const keys = (await card.locator('dt').allTextContents()).map(squash);
    const values = (await card.locator('dd').allTextContents()).map(squash);
    return { heading: squash(await card.locator('h2').textContent()), rows: Object.fromEntries(keys.map((k, i) => [k, values[i] ?? ''])) };
  }
}
