import { GDEHR_USAGE, runGdehr } from './gdehr';

/** Seed 002, 9.3.3: the key, the published address's `param`, and the plaintext it decrypts to. */
const SEED_KEY = '33edd0637a6cbd8e7d057fbc0944d621';
const SEED_CIPHERTEXT =
  '55d0dad78cfe0a426b78632a08adce38e832d90c11a09d3c1df0dd540e12fdfc8' +
  'f94f46a5ea1dba7e217d4d8f6d3dcd7fc87acfe8d39a6d7a02ca2c974753d9e' +
  '6f5935560fe6448eca34059caf3d016bd071f41251d3874aca227788ec1c52f7af8c9d7099eb221652d94523db2d86f28892d291a70c5854be5b4be1ff6f2eec';
/** The seed prints `orgCode=01…`, but its ciphertext is of `orgCode=o1…` (letter o; DOMAIN.md). */
const SEED_PLAINTEXT_AS_ENCRYPTED =
  'orgCode=o1&staffNo=a1n&staffName=pn2&cardType=01&idcard=64212419560933091T&patientName=N1&patientId=d1&callSysCode=zhspt';
const SEED_PLAINTEXT_AS_PRINTED = SEED_PLAINTEXT_AS_ENCRYPTED.replace('orgCode=o1', 'orgCode=01');
/** Seed 002, 9.2.2: the example request's `patientIdcard`, made with the same key. */
const SEED_PATIENT_IDCARD = 'f5309cf71272a9164bac35cb27472d4f888370a2df81f6b5f24988c2c75853ea';

function run(...args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runGdehr(
    args,
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out, err };
}

describe('gdehr CLI', () => {
  it("given the seed's key and the o1 plaintext, when param, then the seed's published ciphertext", () => {
    const result = run('param', '--key', SEED_KEY, '--text', SEED_PLAINTEXT_AS_ENCRYPTED);

    expect(result).toEqual({ code: 0, out: [SEED_CIPHERTEXT], err: [] });
  });

  it('given the plaintext as the seed prints it (orgCode=01), when param, then only the first block differs', () => {
    const [cipher = ''] = run('param', '--key', SEED_KEY, '--text', SEED_PLAINTEXT_AS_PRINTED).out;

    expect(cipher).not.toBe(SEED_CIPHERTEXT);
    expect(cipher.slice(0, 32)).not.toBe(SEED_CIPHERTEXT.slice(0, 32));
    expect(cipher.slice(32)).toBe(SEED_CIPHERTEXT.slice(32));
  });

  it("given the seed's ciphertext, when decrypt, then orgCode=o1 (letter o), as DOMAIN.md notes", () => {
    const result = run('decrypt', '--key', SEED_KEY, '--hex', SEED_CIPHERTEXT.toUpperCase());

    expect(result.code).toBe(0);
    expect(result.out).toEqual([SEED_PLAINTEXT_AS_ENCRYPTED]);
    expect(result.out[0]).toMatch(/^orgCode=o1&/);
  });

  it("given the seed's example patientIdcard, when decrypt with the seed's key, then the example's ID number", () => {
    expect(run('decrypt', '--key', SEED_KEY, '--hex', SEED_PATIENT_IDCARD).out).toEqual([
      '64212419560933091T',
    ]);
  });

  it('given timestamp, token and nonce, when signature, then upper-case hex SHA-256 of T+P+N+T (as sha256sum prints it)', () => {
    // printf '%s' "1720000000paastoken-example3f9a1c2b1720000000" | sha256sum
    expect(
      run(
        'signature',
        '--timestamp',
        '1720000000',
        '--token',
        'paastoken-example',
        '--nonce',
        '3f9a1c2b',
      ).out,
    ).toEqual(['898527C5F38A1AAB06C5F54FD874FFC1822DD3B20CB9ED45269C96EF45E87DC3']);
    // The shell script's date-time form signs the same way.
    expect(
      run(
        'signature',
        '--timestamp',
        '2024-07-01 10:00:00',
        '--token',
        'tokenP',
        '--nonce',
        '123456',
      ).out,
    ).toEqual(['6F125CDFC91D32884EEA8F2A12618198CB67BE496AA5A56F430384C41A412386']);
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['encrypt', '--key', SEED_KEY]],
    ['a missing option', ['param', '--key', SEED_KEY]],
    [
      'an unknown option',
      ['signature', '--timestamp', '1', '--token', 'p', '--nonce', 'n', '--x', 'y'],
    ],
    ['a key that is not 32 hex', ['param', '--key', 'abc', '--text', 'x']],
    ['ciphertext that is not hex blocks', ['decrypt', '--key', SEED_KEY, '--hex', 'abcd']],
    ['an option without its value', ['param', '--key', SEED_KEY, '--text']],
  ])('given %s, when run, then the usage on stderr and exit code 2', (_name, args) => {
    const result = run(...args);

    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err[result.err.length - 1]).toBe(GDEHR_USAGE);
  });

  it('given the wrong key, when decrypt, then exit 1 with the reason and no garbage on stdout', () => {
    const result = run('decrypt', '--key', '00'.repeat(16), '--hex', SEED_CIPHERTEXT);

    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err.join('\n')).toMatch(/SM4 decryption failed/);
  });
});
