import { describe, expect, it } from 'vitest';
import { renderModuleMarkdown } from './module-markdown.ts';

describe('renderModuleMarkdown', () => {
  it.each([
    ['a script element', '<script>alert(1)</script>', '<script'],
    ['raw HTML with an event handler', '<img src=x onerror="alert(1)">', '<img'],
    ['an inline HTML link', 'Click <a href="https://evil.test">here</a>', '<a href'],
  ])('does not let %s through', (_name, source, forbidden) => {
    expect(renderModuleMarkdown(source)).not.toContain(forbidden);
  });

  it.each([
    ['a javascript: link', '[click](javascript:alert(1))'],
    ['an upper-case, spaced JavaScript: link', '[click](  JavaScript:alert(1))'],
    ['an autolink to javascript:', '<javascript:alert(1)>'],
    ['a reference-style javascript: link', '[click][x]\n\n[x]: javascript:alert(1)'],
    ['a vbscript: link', '[click](vbscript:msgbox(1))'],
    ['a data: HTML link', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
  ])('makes no link of %s', (_name, source) => {
    const html = renderModuleMarkdown(source);
    expect(html).not.toContain('<a');
    expect(html).not.toMatch(/href=/i);
  });

  it('shows raw HTML as text', () => {
    expect(renderModuleMarkdown('<script>alert(1)</script>')).toContain('&lt;script&gt;');
  });

  it('renders ordinary Markdown and safe links', () => {
    const html = renderModuleMarkdown('**Limitations:** less reliable on portable films.\n\n- [Trust policy](https://example.nhs.uk/policy)');
    expect(html).toContain('<strong>Limitations:</strong>');
    expect(html).toContain('<a href="https://example.nhs.uk/policy">Trust policy</a>');
  });

  it('does not turn bare addresses into links', () => {
    expect(renderModuleMarkdown('see www.example.com')).not.toContain('<a');
  });
});
