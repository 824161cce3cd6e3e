import { passwordIssue } from './password-rule';

describe('passwordIssue', () => {
  it.each([
    ['abc12345', 'letters and digits'],
    ['Hblgzw135%', 'the seed example'],
    ['abcdefg%', 'letters and a symbol'],
    ['1234567%', 'digits and a symbol'],
    ['abcdefghij123456', 'exactly 16 characters'],
    ['密码密码密码12', 'Chinese letters and digits'],
  ])('given %s (%s), when checked, then accepted', (password) => {
    expect(passwordIssue(password)).toBeNull();
  });

  it.each([
    ['abcdefgh', 'PASSWORD_CHARACTER_KINDS'],
    ['12345678', 'PASSWORD_CHARACTER_KINDS'],
    ['%%%%%%%%', 'PASSWORD_CHARACTER_KINDS'],
    ['1234567', 'PASSWORD_LENGTH'],
    ['abc1234', 'PASSWORD_LENGTH'],
    ['abcdefghij1234567', 'PASSWORD_LENGTH'],
    ['', 'PASSWORD_LENGTH'],
    ['abc 12345', 'PASSWORD_WHITESPACE'],
    ['abc\t12345', 'PASSWORD_WHITESPACE'],
    ['abc\u00a012345', 'PASSWORD_WHITESPACE'],
    ['abc\u000012345', 'PASSWORD_WHITESPACE'],
  ])('given %j, when checked, then refused with %s in both languages', (password, code) => {
    const issue = passwordIssue(password);

    expect(issue?.code).toBe(code);
    expect(issue?.message.zh).toMatch(/密码/);
    expect(issue?.message.en).toMatch(/Password/);
  });

  it('given a 16-character password of astral characters, when checked, then length counts characters', () => {
    expect(passwordIssue('😀'.repeat(8) + '12345678')).toBeNull();
  });
});
