import { HubPage, squash } from './hub-page.ts';

/** A platform admin's framework import: upload, result with the reader's warnings, framework page. */
export class FrameworkImportPages extends HubPage {
  /** Chooses the file (or nothing) and imports it. */
  async importFile(path?: string): Promise<void> {
    if (path) await this.page.getByLabel('Framework file').setInputFiles(path);
    await this.press('Import the framework');
  }

  /** The rows of the "What we found | Where | What we did" table, each squashed. */
  async warningRows(): Promise<string[][]> {
    const rows = this.page.locator('main table tbody tr');
    const cells = await rows.evaluateAll((all) => all.map((row) => Array.from(row.querySelectorAll('td'), (cell) => cell.textContent ?? '')));
    return cells.map((row) => row.map(squash));
  }
}
