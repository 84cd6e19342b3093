import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkAccessibility } from './accessibility.ts';

/**
 * Watches the documents a tab loads and which of them axe has checked, so a walk can prove that
 * every page it visited (error re-renders included) was checked, not only the ones a test author
 * remembered.
 */
export class PageChecks {
  /** The document on screen, until axe checks it. */
  private unchecked: string | undefined;
  private readonly missed: string[] = [];
  /** Styles, scripts, fonts and images a page asked another host for: every asset is the hub's own. */
  private readonly foreignAssets = new Set<string>();
  /** Pages the hub failed to serve: axe passes an error page, so a walk must say it met one. */
  private readonly serverErrors: string[] = [];
  readonly checked: string[] = [];

  /** `replay`: a page with JavaScript on, for a tab that has it off (axe is a script). */
  constructor(
    private readonly page: Page,
    private readonly replay?: Page,
  ) {
    page.on('request', (request) => {
      const url = new URL(request.url());
      const isLoopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
      if (!request.isNavigationRequest() && /^https?:$/.test(url.protocol) && !isLoopback) this.foreignAssets.add(request.url());
    });
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.status() >= 500) this.serverErrors.push(`${response.status()} ${response.url()}`);
    });
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || frame.url() === 'about:blank') return;
      // A new document replaces the one on screen: if that one was never checked, it was missed.
      if (this.unchecked) this.missed.push(this.unchecked);
      this.unchecked = frame.url();
    });
  }

  /** Runs axe on the page as it stands now. */
  async check(): Promise<void> {
    await this.page.waitForLoadState('load');
    await checkAccessibility(this.replay ? await showWithoutScripts(this.page, this.replay) : this.page);
    this.unchecked = undefined;
    this.checked.push(this.page.url());
  }

  /** Fails naming every page that loaded but was left without an axe check. */
  expectEveryPageChecked(): void {
    expect([...this.missed, ...(this.unchecked ? [this.unchecked] : [])], 'pages visited without an axe check').toEqual([]);
    expect([...this.foreignAssets], 'assets loaded from outside the hub').toEqual([]);
    expect(this.serverErrors, 'pages the hub failed to serve').toEqual([]);
  }
}

/**
 * Axe cannot run where JavaScript is off, so the no-script tab's document is shown again, with its
 * scripts taken out, in a page where axe can run, at the same address so styles and links resolve
 * as they did: what axe sees is what the person without JavaScript sees.
 */
async function showWithoutScripts(source: Page, replay: Page): Promise<Page> {
  const url = new URL(source.url());
  const html = (await source.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  if (new URL(replay.url()).origin !== url.origin) await replay.goto(new URL('/static/hub/hub.css', url).href);
  await replay.setContent(html);
  await replay.evaluate((href) => history.replaceState(null, '', href), url.href);
  return replay;
}

export interface CheckedTab {
  context: BrowserContext;
  page: Page;
  checks: PageChecks;
  close(): Promise<void>;
}

/** A fresh browser context (its own cookies: one person) with one tab whose pages are watched. */
export async function openCheckedTab(browser: Browser, options: BrowserContextOptions = {}): Promise<CheckedTab> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const replayContext = options.javaScriptEnabled === false ? await browser.newContext() : undefined;
  const replay = await replayContext?.newPage();
  return {
    context,
    page,
    checks: new PageChecks(page, replay),
    async close() {
      await context.close();
      await replayContext?.close();
    },
  };
}
