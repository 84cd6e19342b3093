import type { Download } from 'playwright-core';
import { HubPage, squash } from './hub-page.ts';

/** Pages every signed-in person has: their notifications and their account. */
export class AccountPages extends HubPage {
  /** The header's notifications link, which shows the unread count. */
  async notificationsLinkText(): Promise<string> {
    return squash(await this.page.locator('header').getByRole('link', { name: /^Notifications/ }).textContent());
  }

  async openNotifications(): Promise<void> {
    await this.followHeaderLink(/^Notifications/);
  }

  /** Each notification's text, newest first, with "New" in front of unread ones. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('main ul.nhsuk-list--border > li').allTextContents()).map(squash);
  }

  async markAllRead(): Promise<void> {
    await this.press('Mark all as read');
  }

  async openAccount(displayName: string): Promise<void> {
    await this.followHeaderLink(displayName);
  }

  /** Clicks "Download everything the hub holds about you" and returns the saved file. */
  async downloadMyData(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: 'Download everything the hub holds about you' }).click()]);
    return download;
  }
}
