import { describe, expect, it } from 'vitest';
import { contentFromText, createMailComposer } from './compose.ts';

const compose = createMailComposer({ baseUrl: 'https://hub.trust.nhs.uk/' });

describe('composing mail', () => {
  const mail = compose({
    subject: 'Training for tri-X is due',
    recipientName: 'Ben <Ashworth>',
    paragraphs: ['Your training is due by 1 January 2027.', 'Line one\nhttps://hub.trust.nhs.uk/products/mine'],
    action: { text: 'See your AI products', href: '/products/mine' },
  });

  it('writes the same words as text and as NHS.UK style HTML', () => {
    expect(mail.subject).toBe('Training for tri-X is due');
    expect(mail.text).toBe(
      'Dear Ben <Ashworth>,\n\nYour training is due by 1 January 2027.\n\nLine one\nhttps://hub.trust.nhs.uk/products/mine\n\nSee your AI products:\nhttps://hub.trust.nhs.uk/products/mine\n\n--\nThis email was sent automatically by the AI Confidence Hub. Please do not reply to it.\n',
    );
    expect(mail.html).toContain('background-color:#005eb8');
    expect(mail.html).toContain('font-family:Arial,Helvetica,sans-serif;font-size:16px');
    expect(mail.html).toContain('<table role="presentation"');
    expect(mail.html).toContain('Dear Ben &lt;Ashworth&gt;,');
  });

  it('makes every link absolute', () => {
    expect(mail.html).toContain('<a href="https://hub.trust.nhs.uk/products/mine"');
    expect(mail.html).not.toMatch(/href="\//);
    expect(() => compose({ subject: 's', paragraphs: [], action: { text: 'x', href: 'https://elsewhere.example/' } })).toThrow(/path on the hub/);
  });

  it('reads a plain-text message written by a service', () => {
    expect(contentFromText('Hi', 'Dear Ada,\n\nFirst.\n\nSecond\nhttps://hub/x')).toEqual({ subject: 'Hi', recipientName: 'Ada', paragraphs: ['First.', 'Second\nhttps://hub/x'] });
    expect(contentFromText('Hi', 'Hello,\n\nFirst.')).toEqual({ subject: 'Hi', recipientName: null, paragraphs: ['Hello,', 'First.'] });
  });
});
