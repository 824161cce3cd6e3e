import { tifHeaders, tifTimestamp } from './province-signature';
import { retrievalPlaintext, retrievalUrl, type RetrievalParams } from './retrieval-param';

/** Seed 002, 9.3.3, with orgCode `o1` (what the published ciphertext actually encrypts). */
const SEED_PARAMS: RetrievalParams = {
  orgCode: 'o1',
  staffNo: 'a1n',
  staffName: 'pn2',
  cardType: '01',
  idcard: '64212419560933091T',
  patientName: 'N1',
  patientId: 'd1',
  callSysCode: 'zhspt',
};
const SEED_ADDRESS =
  'https://qmjk.gd.gov.cn/gdehr/privilege/getPrivilege?param=55d0dad78cfe0a426b78632a08adce38e832d90c11a09d3c1df0dd540e12fdfc8' +
  'f94f46a5ea1dba7e217d4d8f6d3dcd7fc87acfe8d39a6d7a02ca2c974753d9e' +
  '6f5935560fe6448eca34059caf3d016bd071f41251d3874aca227788ec1c52f7af8c9d7099eb221652d94523db2d86f28892d291a70c5854be5b4be1ff6f2eec' +
  '&appId=ff8080818ab5cf57018b3bb2a4af0004';

describe('retrieval address', () => {
  it("given the seed's parameters, when the plaintext is built, then the template order with values as they are", () => {
    expect(retrievalPlaintext(SEED_PARAMS)).toBe(
      'orgCode=o1&staffNo=a1n&staffName=pn2&cardType=01&idcard=64212419560933091T&patientName=N1&patientId=d1&callSysCode=zhspt',
    );
  });

  it("given the seed's base URL, key, appId and parameters, when the address is built, then the seed's published address", () => {
    expect(
      retrievalUrl(
        'https://qmjk.gd.gov.cn/gdehr/privilege/getPrivilege',
        '33edd0637a6cbd8e7d057fbc0944d621',
        'ff8080818ab5cf57018b3bb2a4af0004',
        SEED_PARAMS,
      ),
    ).toBe(SEED_ADDRESS);
  });

  it('given a value holding & or =, when the plaintext is built, then refused naming the parameter', () => {
    expect(() => retrievalPlaintext({ ...SEED_PARAMS, patientName: 'A&patientId=x' })).toThrow(
      /patientName/,
    );
  });

  it('given a Chinese name, when the plaintext is built, then it is kept as UTF-8 text', () => {
    expect(retrievalPlaintext({ ...SEED_PARAMS, patientName: '张三' })).toContain(
      '&patientName=张三&',
    );
  });
});

describe('gateway headers', () => {
  it('given an instant, when stamped, then whole seconds since the epoch', () => {
    expect(tifTimestamp(new Date('2024-07-01T02:00:00.999Z'))).toBe('1719799200');
  });

  it('given id, token, timestamp and nonce, when headers are made, then the four x-tif headers and no token', () => {
    const headers = tifHeaders('paas-1', 'secret-token', '1720000000', '3f9a1c2b');

    expect(headers).toEqual({
      'x-tif-paasid': 'paas-1',
      'x-tif-timestamp': '1720000000',
      'x-tif-nonce': '3f9a1c2b',
      'x-tif-signature': expect.stringMatching(/^[0-9A-F]{64}$/),
    });
    expect(JSON.stringify(headers)).not.toContain('secret-token');
  });
});
