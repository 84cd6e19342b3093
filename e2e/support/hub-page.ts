import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';

export interface ErrorSummaryEntry {
  text: string;
  href: string;
}

/** What every hub page shares: the NHS header, the main heading, banners and the error summary. */
export class HubPage {
  readonly heading: Locator;
  readonly errorSummary: Locator;
  readonly successBanner: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.heading = page.locator('main h1');
    this.errorSummary = page.locator('.nhsuk-error-summary');
    this.successBanner = page.locator('.nhsuk-notification-banner--success');
  }

  /** Opens a hub path and fails unless it answers `status`. */
  async open(path: string, status = 200): Promise<Response | null> {
    const response = await this.page.goto(`${this.baseUrl}${path}`);
    expect(response?.status(), `status of ${path}`).toBe(status);
    return response;
  }

  /** The path and query the browser is on now. */
  path(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  async headingText(): Promise<string> {
    return squash(await this.heading.textContent());
  }

  /** Presses a button and waits for the page it leads to (a redirect or the same form again). */
  async press(button: string | Locator): Promise<void> {
    const target = typeof button === 'string' ? this.page.getByRole('button', { name: button, exact: true }) : button;
    await Promise.all([this.page.waitForEvent('load'), target.click()]);
  }

  /** Follows a link by its accessible name, within `scope` when given, and waits for the page. */
  async follow(name: string | RegExp, scope: Locator | Page = this.page): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), scope.getByRole('link', { name, exact: typeof name === 'string' }).first().click()]);
  }

  /** Follows a link in the header (service navigation or account menu). */
  async followHeaderLink(name: string | RegExp): Promise<void> {
    await this.follow(name, this.page.locator('header'));
  }

  /**
   * The error summary's entries. Each must point at an element that exists on the page, and the
   * page title must start "Error:", as the NHS error summary pattern asks.
   */
  async errorSummaryEntries(): Promise<ErrorSummaryEntry[]> {
    await expect(this.errorSummary.getByRole('heading').textContent()).resolves.toContain('There is a problem');
    await expect(this.page.title()).resolves.toMatch(/^Error: /);
    const entries = await this.errorSummary.locator('a').evaluateAll((links) => links.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
    for (const entry of entries) {
      expect(entry.href, `error summary link "${entry.text}"`).toMatch(/^#[\w-]+$/);
      await expect(this.page.locator(entry.href).count(), `target of ${entry.href}`).resolves.toBe(1);
    }
    return entries.map((e) => ({ text: squash(e.text), href: e.href }));
  }

  /** The inline error message shown with a field, read through the field's aria-describedby. */
  async fieldError(fieldId: string): Promise<string> {
    const describedBy = (await this.page.locator(`#${fieldId}`).getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(/\s+/).find((id) => id.endsWith('-error'));
    expect(errorId, `#${fieldId} is described by an error message`).toBeDefined();
    return squash(await this.page.locator(`#${errorId}`).textContent()).replace(/^Error:\s*/, '');
  }

  async bannerText(): Promise<string> {
    return squash(await this.successBanner.textContent());
  }
}

/** Text with whitespace collapsed, as a reader would see it. */
export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
