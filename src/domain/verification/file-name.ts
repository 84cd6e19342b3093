/**
 * Uploaded file names come from the learner's computer and are shown to other people, so they
 * are cleaned before they are stored: no path, no control or direction-changing characters (which
 * can make "evil.exe.pdf" look like "evil.pdf.exe"), a bounded length, and an extension that says
 * what the content really is.
 */

const MAX_NAME_LENGTH = 100;

/** Extensions people use for each accepted type; the first is the one we add when none fits. */
const EXTENSIONS_BY_TYPE: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
};

export function sanitiseFileName(raw: string, mediaType: string): string {
  const extensions = EXTENSIONS_BY_TYPE[mediaType] ?? ['bin'];
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!extensions.includes(extension)) name = name.length > 0 ? `${name}.${extensions[0]}` : `evidence.${extensions[0]}`;
  return shorten(name);
}

/** Keeps the extension when a long name is cut, counting code points so no character is split. */
function shorten(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = [...name.slice(dot)];
  return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('').trimEnd() + extension.join('');
}

/**
 * A `content-disposition: attachment` header for a cleaned name: an ASCII fallback for old
 * clients and the exact name as RFC 5987 `filename*`.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
