import MarkdownIt from 'markdown-it';

/**
 * Product module sections are stored as the Embedders wrote them and rendered here, once, for
 * every page and API response. Raw HTML is off, so `<script>` and friends are shown as text;
 * markdown-it's own link validation drops `javascript:`, `vbscript:`, `file:` and non-image
 * `data:` links. Linkify is off so bare text never becomes a link nobody chose.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Safe HTML for a module section's Markdown. */
export function renderModuleMarkdown(text: string): string {
  return markdown.render(text);
}
