/**
 * The media types an upload may have, decided from the bytes (magic numbers), never from the
 * name or the declared part type. Licence photos, certificate scans and complaint images are
 * images; some institution documents are PDFs. Nothing else is stored, so nothing a browser
 * could execute (HTML, SVG, scripts) is ever served back.
 */
export const SUPPORTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
] as const;
export type SupportedType = (typeof SUPPORTED_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function startsWith(bytes: Buffer, prefix: Buffer | string, offset = 0): boolean {
  const expected = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix;
  return (
    bytes.length >= offset + expected.length &&
    bytes.subarray(offset, offset + expected.length).equals(expected)
  );
}

/**
 * Each check looks a little past the bare signature (PNG's first chunk is IHDR, a WebP RIFF
 * holds a VP8 chunk, a JPEG marker follows SOI) so a few magic bytes glued on text do not pass.
 */
const SIGNATURES: readonly { readonly type: SupportedType; matches(bytes: Buffer): boolean }[] = [
  {
    type: 'image/jpeg',
    matches: (b) => b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    type: 'image/png',
    matches: (b) => startsWith(b, PNG_SIGNATURE) && startsWith(b, 'IHDR', 12),
  },
  {
    type: 'image/gif',
    matches: (b) => startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a'),
  },
  {
    type: 'image/webp',
    matches: (b) => startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8) && startsWith(b, 'VP8', 12),
  },
  { type: 'application/pdf', matches: (b) => startsWith(b, '%PDF-') },
];

/** The supported type the bytes are, or undefined when they are none of them. */
export function sniffContentType(bytes: Buffer): SupportedType | undefined {
  return SIGNATURES.find((signature) => signature.matches(bytes))?.type;
}

/** Spellings clients send for the same type (old IE's `image/pjpeg`, the common `image/jpg`). */
const ALIASES: Readonly<Record<string, SupportedType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
};

/** `Image/PNG; charset=x` → `image/png`; aliases resolved. */
export function normaliseDeclaredType(declared: string | undefined): string | undefined {
  const essence = declared?.split(';')[0]?.trim().toLowerCase();
  if (essence === undefined || essence === '') return undefined;
  return ALIASES[essence] ?? essence;
}

/** A declared type that promises a particular format we check (rather than "some bytes"). */
function claimsSpecificFormat(type: string): boolean {
  return type.startsWith('image/') || type === 'application/pdf';
}

export type ContentDecision =
  | { readonly ok: true; readonly type: SupportedType }
  | { readonly ok: false; readonly reason: 'mismatch'; readonly declared: string }
  | { readonly ok: false; readonly reason: 'unsupported' };

/**
 * The bytes decide. A part that claims an image or PDF type must be exactly that type
 * (SECURITY.md 10: bytes that are not the image they claim are refused); a generic claim
 * (`application/octet-stream`, none) accepts whatever supported type the bytes are.
 */
export function decideContentType(bytes: Buffer, declared: string | undefined): ContentDecision {
  const sniffed = sniffContentType(bytes);
  const claim = normaliseDeclaredType(declared);
  if (claim !== undefined && claimsSpecificFormat(claim) && claim !== sniffed) {
    return { ok: false, reason: 'mismatch', declared: claim };
  }
  return sniffed === undefined ? { ok: false, reason: 'unsupported' } : { ok: true, type: sniffed };
}

/** Field restriction `image/*` or an exact type, as form definitions write them. */
export function typeAllowed(type: string, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined || allowed.length === 0) return true;
  return allowed.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    return p.endsWith('/*') ? type.startsWith(p.slice(0, -1)) : normaliseDeclaredType(p) === type;
  });
}
