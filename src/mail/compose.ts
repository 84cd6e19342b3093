import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

/**
 * Mail as the hub sends it: a plain-text part and an HTML part in the NHS.UK style (a blue header,
 * Arial 16px, a table layout and inline CSS, as mail clients ignore style sheets), from the same
 * words. Every link is absolute: mail is read away from the hub.
 */
const TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));
const SERVICE_NAME = 'AI Confidence Hub';
const FOOTER = 'This email was sent automatically by the AI Confidence Hub. Please do not reply to it.';

export interface MailContent {
  subject: string;
  /** "Dear …," when the recipient's name is known. */
  recipientName?: string | null;
  /** Paragraphs of lines; a line that is only a web address becomes a link. */
  paragraphs: ReadonlyArray<string | readonly string[]>;
  /** The one thing to do: a path on the hub (made absolute) or a full address on it. */
  action?: { text: string; href: string } | null;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const htmlEnv = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIR), { autoescape: true, trimBlocks: true, lstripBlocks: true, throwOnUndefined: true });
const textEnv = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIR), { autoescape: false, trimBlocks: true, lstripBlocks: true, throwOnUndefined: true });

export function createMailComposer({ baseUrl }: { baseUrl: string }) {
  const base = baseUrl.replace(/\/$/, '');
  const absolute = (href: string): string => {
    if (href.startsWith('/') && !href.startsWith('//')) return `${base}${href}`;
    if (href.startsWith(`${base}/`)) return href;
    throw new Error(`a mail link must be a path on the hub or an address on it, not ${href}`);
  };
  return function compose(content: MailContent): ComposedMail {
    const context = {
      subject: content.subject,
      serviceName: SERVICE_NAME,
      footer: FOOTER,
      greeting: content.recipientName ? `Dear ${content.recipientName},` : null,
      paragraphs: content.paragraphs.map((p) => (typeof p === 'string' ? p.split('\n') : [...p]).map(lineOf)),
      action: content.action ? { text: content.action.text, url: absolute(content.action.href) } : null,
    };
    return {
      subject: content.subject,
      text: `${textEnv.render('notice.txt.njk', context).replace(/\n{3,}/g, '\n\n').trim()}\n`,
      html: htmlEnv.render('notice.html.njk', context),
    };
  };
}

/** A line that is only a web address is shown as a link. */
const lineOf = (text: string) => ({ text, url: /^https?:\/\/\S+$/.test(text.trim()) ? text.trim() : null });

export type MailComposer = ReturnType<typeof createMailComposer>;

/**
 * The words of a plain-text message as composer content: paragraphs split at blank lines, and a
 * "Dear …," first paragraph taken as the greeting. For mail the services still write as text.
 */
export function contentFromText(subject: string, bodyText: string): MailContent {
  const paragraphs = bodyText.trim().split(/\n{2,}/);
  const greeting = /^Dear (.+),$/.exec(paragraphs[0] ?? '');
  return { subject, recipientName: greeting?.[1] ?? null, paragraphs: greeting ? paragraphs.slice(1) : paragraphs };
}
