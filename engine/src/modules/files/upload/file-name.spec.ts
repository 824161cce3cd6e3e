import { attachmentDisposition, MAX_FILE_NAME_LENGTH, sanitiseFileName } from './file-name';

describe('file names', () => {
  it('given a path, when sanitised, then only the last part is kept', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\医生\\执业证.jpg')).toBe('执业证.jpg');
  });

  it('given control, quote and bidi-override characters, when sanitised, then removed', () => {
    expect(sanitiseFileName('a\r\nb"c\u202Egpj.exe')).toBe('abcgpj.exe');
  });

  it('given nothing printable, when sanitised, then undefined', () => {
    expect(sanitiseFileName('  ')).toBeUndefined();
    expect(sanitiseFileName('..')).toBeUndefined();
    expect(sanitiseFileName(undefined)).toBeUndefined();
  });

  it('given 300 Chinese characters, when sanitised, then 255 characters', () => {
    expect(Array.from(sanitiseFileName('证'.repeat(300)) ?? '')).toHaveLength(MAX_FILE_NAME_LENGTH);
  });

  it('given a Chinese name, when made a disposition, then attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('营业执照 (1).png', 'id1')).toBe(
      `attachment; filename="____ (1).png"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%281%29.png`,
    );
    expect(attachmentDisposition(undefined, 'id1')).toBe('attachment; filename="id1"');
  });
});
