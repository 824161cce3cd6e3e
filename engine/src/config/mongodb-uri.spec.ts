import { redactMongoUri } from './mongodb-uri';

describe('redactMongoUri', () => {
  it('given credentials, when redacted, then user and password are hidden and the host kept', () => {
    expect(redactMongoUri('mongodb://admin:s3cret@db:27017/x?tls=true')).toBe(
      'mongodb://***@db:27017/x?tls=true',
    );
    expect(redactMongoUri('mongodb+srv://u:p@cluster.example')).toBe(
      'mongodb+srv://***@cluster.example',
    );
  });

  it('given no credentials, when redacted, then the URI is unchanged', () => {
    expect(redactMongoUri('mongodb://127.0.0.1:1/x')).toBe('mongodb://127.0.0.1:1/x');
  });
});
