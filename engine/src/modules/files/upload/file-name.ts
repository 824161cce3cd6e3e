/** Longest file name kept, in characters (the usual file-system limit). */
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * The client's file name, kept only as metadata for the download's suggested name: never a
 * storage path, never trusted. Directory parts (either slash), control and bidi-override
 * characters and quotes are removed; undefined when nothing printable is left.
 */
export function sanitiseFileName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // Controls, bidi overrides (U+202E shows "a\u202Egpj.exe" as "aexe.jpg"), header-breaking quotes.
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069"]/gu, '')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return undefined;
  return Array.from(cleaned).slice(0, MAX_FILE_NAME_LENGTH).join('');
}

/**
 * `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987), so Chinese
 * names survive in every browser and nothing in the name can inject header syntax.
 */
export function attachmentDisposition(fileName: string | undefined, fallback: string): string {
  if (fileName === undefined) return `attachment; filename="${fallback}"`;
  const ascii = fileName.replace(/[^\x20-\x7e]|[%\\;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
