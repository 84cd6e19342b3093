import { HubPage, squash } from './hub-page.ts';

/** The signed-in start page (`/`): its sections and the new notifications on it. */
export class StartPage extends HubPage {
  async openStartPage(): Promise<void> {
    await this.open('/');
  }

  /** The text of one section, found by its heading, up to the next heading. */
  async sectionText(heading: string): Promise<string> {
    const texts = await this.page.locator('main h2').evaluateAll((headings, wanted) => {
      const h2 = headings.find((h) => h.textContent?.trim() === wanted);
      const parts: string[] = [];
      for (let node = h2?.nextElementSibling; node && node.tagName !== 'H2'; node = node.nextElementSibling) parts.push(node.textContent ?? '');
      return parts;
    }, heading);
    return squash(texts.join(' '));
  }

  /** Follows a new notification by its text, which marks it read. */
  async openNotification(message: RegExp): Promise<void> {
    await this.follow(message, this.page.locator('main'));
  }
}

/** Changing your own account: name and job title, password; and resetting a forgotten password. */
export class AccountSettingsPages extends HubPage {
  async changeDetails({ name, jobTitle }: { name: string; jobTitle: string }): Promise<void> {
    await this.page.getByLabel('Full name').fill(name);
    await this.page.getByLabel('Job title (optional)').fill(jobTitle);
    await this.press('Save changes');
  }

  async changePassword({ current, next }: { current: string; next: string }): Promise<void> {
    await this.page.getByLabel('Current password', { exact: true }).fill(current);
    await this.page.getByLabel('New password', { exact: true }).fill(next);
    await this.press('Change password');
  }

  async askForResetLink(email: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email);
    await this.press('Send me a link');
  }

  async chooseNewPassword(password: string): Promise<void> {
    await this.page.getByLabel('New password', { exact: true }).fill(password);
    await this.press('Save new password');
  }
}
