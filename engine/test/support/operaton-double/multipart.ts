/** One part of a `multipart/form-data` body (RFC 7578), as POST /deployment/create receives it. */
export interface FormPart {
  readonly name: string;
  readonly filename: string | null;
  readonly contentType: string | null;
  readonly text: string;
}

export class MultipartError extends Error {}

/** Parses a multipart body; throws `MultipartError` on anything malformed. */
export function parseMultipart(contentType: string, body: Buffer): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw new MultipartError('multipart/form-data without a boundary');
  const text = body.toString('utf8');
  const delimiter = `--${marker}`;
  if (!text.includes(`${delimiter}--`))
    throw new MultipartError('multipart body is not terminated');
  const parts: FormPart[] = [];
  for (const chunk of text.split(delimiter).slice(1)) {
    if (chunk.startsWith('--')) break;
    const separator = chunk.indexOf('\r\n\r\n');
    if (separator < 0) throw new MultipartError('multipart part without headers');
    const headers = chunk.slice(0, separator).trim().split('\r\n');
    const content = chunk.slice(separator + 4).replace(/\r\n$/, '');
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new MultipartError('multipart part without a name');
    const type = headers.find((line) => /^content-type:/i.test(line));
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: type === undefined ? null : type.replace(/^content-type:\s*/i, ''),
      text: content,
    });
  }
  return parts;
}
