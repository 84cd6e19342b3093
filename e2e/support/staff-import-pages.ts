import { HubPage, squash } from './hub-page.ts';

/** The organisation admin's ESR staff import: upload, dry run, apply. */
export class StaffImportPages extends HubPage {
  async openFromOrganisation(): Promise<void> {
    await this.follow('Import staff from ESR');
  }

  /** Chooses the extract (or nothing) and asks the hub to check it. */
  async checkFile(path?: string): Promise<void> {
    if (path) await this.page.getByLabel('ESR staff extract').setInputFiles(path);
    await this.press('Check the file');
  }

  /** The dry run's or import's figures, by their label. */
  async figures(): Promise<Record<string, string>> {
    const rows = this.page.locator('main .nhsuk-summary-list__row');
    const pairs = await rows.evaluateAll((all) => all.map((row) => [row.querySelector('dt')?.textContent ?? '', row.querySelector('dd')?.textContent ?? '']));
    return Object.fromEntries(pairs.map(([key, value]) => [squash(key), squash(value)]));
  }

  async apply(): Promise<void> {
    await this.press('Apply this import');
  }
}
