#!/usr/bin/env node
/**
 * An integrator's tool for the Guangdong health-record interface (seed 002), doing what the
 * seed's shell test and Java example do, with the engine's own code:
 *
 *   gdehr param --key <32 hex> --text '<plaintext>'          SM4-ECB (PKCS#7) hex of the text
 *   gdehr decrypt --key <32 hex> --hex <ciphertext>           the plaintext back
 *   gdehr signature --timestamp T --token P --nonce N         the x-tif-signature header value
 *
 * Exit codes: 0 done, 1 decryption failed, 2 bad or missing options (usage on stderr).
 */
import { parseArgs } from 'node:util';
import { sm4EcbDecryptHex, sm4EcbEncryptHex } from '../crypto';
import { tifSignature } from '../modules/interop';

export const GDEHR_USAGE = [
  'usage:',
  "  gdehr param --key <32 hex> --text '<plaintext>'",
  '  gdehr decrypt --key <32 hex> --hex <ciphertext hex>',
  '  gdehr signature --timestamp <T> --token <paastoken> --nonce <N>',
].join('\n');

type Sink = (line: string) => void;

/** Thrown for options the user must fix; answered with the usage and exit code 2. */
class UsageError extends Error {}

const COMMANDS: Readonly<Record<string, readonly string[]>> = {
  param: ['key', 'text'],
  decrypt: ['key', 'hex'],
  signature: ['timestamp', 'token', 'nonce'],
};

function optionsOf(command: string, args: readonly string[]): Record<string, string> {
  const names = COMMANDS[command];
  if (names === undefined) throw new UsageError(`unknown command: ${command || '(none)'}`);
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const missing = names.filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`missing --${missing.join(', --')}`);
  return values as Record<string, string>;
}

const KEY_HEX = /^[0-9a-fA-F]{32}$/;

function requireKey(key: string): string {
  if (!KEY_HEX.test(key)) throw new UsageError('--key must be 32 hexadecimal characters');
  return key;
}

/** Runs one command; returns the exit code (testable without a process). */
export function runGdehr(argv: readonly string[], write: Sink, writeError: Sink): number {
  const [command = '', ...rest] = argv;
  try {
    const options = optionsOf(command, rest);
    switch (command) {
      case 'param':
        write(sm4EcbEncryptHex(requireKey(options['key'] ?? ''), options['text'] ?? ''));
        return 0;
      case 'signature':
        write(
          tifSignature(options['timestamp'] ?? '', options['token'] ?? '', options['nonce'] ?? ''),
        );
        return 0;
      default: {
        const hex = options['hex'] ?? '';
        if (!/^(?:[0-9a-fA-F]{32})+$/.test(hex)) {
          throw new UsageError('--hex must be hexadecimal, a non-empty multiple of 32 characters');
        }
        write(sm4EcbDecryptHex(requireKey(options['key'] ?? ''), hex));
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      writeError(`gdehr: ${error.message}`);
      writeError(GDEHR_USAGE);
      return 2;
    }
    writeError(`gdehr: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = runGdehr(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}
