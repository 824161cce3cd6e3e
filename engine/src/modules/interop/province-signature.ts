import { createHash } from 'node:crypto';

/**
 * The province gateway's request signature (seed 002, 9.2.3): upper-case hex SHA-256 of
 * timestamp + paastoken + nonce + timestamp, sent as `x-tif-signature` beside the other three.
 */
export function tifSignature(timestamp: string, paasToken: string, nonce: string): string {
  return createHash('sha256')
    .update(`${timestamp}${paasToken}${nonce}${timestamp}`, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** The four gateway headers. The token itself is never sent, only its signature. */
export function tifHeaders(
  paasId: string,
  paasToken: string,
  timestamp: string,
  nonce: string,
): Record<string, string> {
  return {
    'x-tif-paasid': paasId,
    'x-tif-timestamp': timestamp,
    'x-tif-nonce': nonce,
    'x-tif-signature': tifSignature(timestamp, paasToken, nonce),
  };
}

/**
 * Seconds since the epoch, as the seed's Postman script sends it. (Its shell script signs a
 * `YYYY-MM-DD HH:MM:SS` string instead; the gateway only needs both sides to agree on the
 * header value, which is signed as sent.)
 */
export function tifTimestamp(now: Date): string {
  return Math.floor(now.getTime() / 1000).toString();
}
