import {
  decideContentType,
  normaliseDeclaredType,
  sniffContentType,
  typeAllowed,
} from './content-type';

/** Smallest byte strings that carry each format's signature (enough for sniffing). */
const SAMPLES = {
  png: Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from('IHDR'),
    Buffer.alloc(17),
  ]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
  gif: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 ')]),
  pdf: Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'),
  text: Buffer.from('hello, this is plain text\n'),
  html: Buffer.from('<!doctype html><script>alert(1)</script>'),
};

describe('content type from bytes', () => {
  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['pdf', 'application/pdf'],
  ] as const)('given %s bytes, when sniffed, then %s', (sample, type) => {
    expect(sniffContentType(SAMPLES[sample])).toBe(type);
  });

  it('given text, HTML, an empty buffer or a bare PNG signature without IHDR, when sniffed, then nothing', () => {
    expect(sniffContentType(SAMPLES.text)).toBeUndefined();
    expect(sniffContentType(SAMPLES.html)).toBeUndefined();
    expect(sniffContentType(Buffer.alloc(0))).toBeUndefined();
    expect(sniffContentType(SAMPLES.png.subarray(0, 8))).toBeUndefined();
  });

  it('given JPEG bytes claimed as image/png, when decided, then a mismatch naming the claim', () => {
    expect(decideContentType(SAMPLES.jpeg, 'image/png')).toEqual({
      ok: false,
      reason: 'mismatch',
      declared: 'image/png',
    });
  });

  it('given text claimed as an image or as a PDF, when decided, then a mismatch (not merely unsupported)', () => {
    expect(decideContentType(SAMPLES.text, 'image/jpeg')).toMatchObject({ reason: 'mismatch' });
    expect(decideContentType(SAMPLES.text, 'application/pdf')).toMatchObject({
      reason: 'mismatch',
    });
  });

  it('given text claimed as text/plain, when decided, then unsupported', () => {
    expect(decideContentType(SAMPLES.text, 'text/plain')).toEqual({
      ok: false,
      reason: 'unsupported',
    });
  });

  it('given PNG bytes claimed generically or with an alias, when decided, then the sniffed type', () => {
    expect(decideContentType(SAMPLES.png, 'application/octet-stream')).toEqual({
      ok: true,
      type: 'image/png',
    });
    expect(decideContentType(SAMPLES.png, undefined)).toEqual({ ok: true, type: 'image/png' });
    expect(decideContentType(SAMPLES.jpeg, 'IMAGE/JPG; name=x')).toEqual({
      ok: true,
      type: 'image/jpeg',
    });
  });

  it('given declared types, when normalised, then lower-case essence with aliases resolved', () => {
    expect(normaliseDeclaredType(' Image/PNG ; charset=binary')).toBe('image/png');
    expect(normaliseDeclaredType('image/pjpeg')).toBe('image/jpeg');
    expect(normaliseDeclaredType('')).toBeUndefined();
  });

  it('given field restrictions, when a type is checked, then exact types and image/* wildcards apply', () => {
    expect(typeAllowed('image/png', ['image/jpeg', 'image/png'])).toBe(true);
    expect(typeAllowed('application/pdf', ['image/jpeg', 'image/png'])).toBe(false);
    expect(typeAllowed('image/webp', ['image/*'])).toBe(true);
    expect(typeAllowed('application/pdf', undefined)).toBe(true);
  });
});
