import {
  canonicalRequest,
  headersToSign,
  sha256Hex,
  signRequest,
  stringToSign,
  uriEncode,
  type SigV4Credentials,
} from './sigv4';

/**
 * AWS's published example ("Signature Calculations for the Authorization Header: Transferring
 * Payload in a Single Chunk", Amazon S3 API reference): the example credentials, 24 May 2013,
 * bucket `examplebucket` in us-east-1.
 */
const AWS_EXAMPLE: SigV4Credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
};
const EXAMPLE_TIME = new Date('2013-05-24T00:00:00Z');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('SigV4 signer', () => {
  it("given AWS's GET Object example (Range bytes=0-9), when signed, then the published canonical request and signature", () => {
    const request = {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadSha256: sha256Hex(''),
    };

    const canonical = canonicalRequest(request, headersToSign(request, EXAMPLE_TIME));
    const headers = signRequest(request, AWS_EXAMPLE, EXAMPLE_TIME);

    expect(canonical).toBe(
      [
        'GET',
        '/test.txt',
        '',
        'host:examplebucket.s3.amazonaws.com',
        'range:bytes=0-9',
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        'x-amz-date:20130524T000000Z',
        '',
        'host;range;x-amz-content-sha256;x-amz-date',
        EMPTY_SHA256,
      ].join('\n'),
    );
    expect(stringToSign(canonical, EXAMPLE_TIME, AWS_EXAMPLE)).toBe(
      'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n' +
        '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
    );
    expect(headers['authorization']).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers).not.toHaveProperty('host');
  });

  it("given AWS's PUT Object example (a '$' in the key, a body, a storage class), when signed, then the published signature", () => {
    const body = 'Welcome to Amazon S3.';
    const request = {
      method: 'PUT',
      url: new URL(`https://examplebucket.s3.amazonaws.com/${uriEncode('test$file.text', true)}`),
      headers: {
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      },
      payloadSha256: sha256Hex(body),
    };

    const headers = signRequest(request, AWS_EXAMPLE, EXAMPLE_TIME);

    expect(request.url.pathname).toBe('/test%24file.text');
    expect(headers['authorization']).toMatch(
      /SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd$/,
    );
  });

  it('given a different secret, when signed, then the signature differs', () => {
    const request = {
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: {},
      payloadSha256: EMPTY_SHA256,
    };

    const right = signRequest(request, AWS_EXAMPLE, EXAMPLE_TIME)['authorization'];
    const wrong = signRequest(
      request,
      { ...AWS_EXAMPLE, secretAccessKey: 'not-the-secret' },
      EXAMPLE_TIME,
    )['authorization'];

    expect(wrong).not.toBe(right);
  });

  it('given query parameters out of order and reserved characters, when canonicalised, then sorted and RFC 3986 encoded', () => {
    const request = {
      method: 'GET',
      url: new URL('https://h.example/b/k?prefix=a b&list-type=2&marker=%2F'),
      headers: {},
      payloadSha256: EMPTY_SHA256,
    };

    const canonical = canonicalRequest(request, headersToSign(request, EXAMPLE_TIME));

    expect(canonical.split('\n')[2]).toBe('list-type=2&marker=%2F&prefix=a%20b');
  });

  it('given UTF-8 and reserved characters, when uriEncode, then each byte is %XX except unreserved', () => {
    expect(uriEncode('营业执照 a+b/c~_.-', true)).toBe(
      '%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20a%2Bb/c~_.-',
    );
    expect(uriEncode('a/b')).toBe('a%2Fb');
  });
});
