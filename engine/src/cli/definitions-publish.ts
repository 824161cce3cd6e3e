#!/usr/bin/env node
/**
 * `definitions-publish [dir] [--url http://127.0.0.1:3000]` (npm run definitions:publish) publishes a
 * content folder to a running engine over its HTTP API, as a policy editor would: it signs in
 * (PUBLISH_USERNAME / PUBLISH_PASSWORD, default the demo policy editor), then for every dictionary
 * and then every form saves the draft and publishes it. A definition whose checksum equals the
 * version in force is left alone. One line per definition: `published` / `unchanged` / `refused`
 * with the problems. Exit codes: 0 all published or unchanged, 1 any refused or failed, 2 usage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../config';
import { definitionChecksum } from '../modules/registry';

type Env = Readonly<Record<string, string | undefined>>;
type Sink = (line: string) => void;

/** What one run needs: the folder, the engine and who signs in. */
export interface PublishRun {
  readonly dir: string;
  readonly url: string;
  readonly username: string;
  readonly password: string;
}

export const PUBLISH_USAGE =
  'usage: definitions-publish [dir] [--url http://127.0.0.1:3000]   (env: PUBLISH_URL, PUBLISH_USERNAME, PUBLISH_PASSWORD)';

const FOLDERS = [
  { folder: 'dictionaries', kind: 'dictionary', route: 'dictionaries' },
  { folder: 'forms', kind: 'form', route: 'forms' },
] as const;

interface ErrorBody {
  readonly errors?: readonly { path: string; code: string; message?: { en?: string } }[];
}

/** Reads the command line and PUBLISH_* variables; null when the arguments make no sense. */
export function publishRunOf(argv: readonly string[], env: Env): PublishRun | null {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { url: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length > 1) return null;
    return {
      dir: resolve(positionals[0] ?? join(REPO_ROOT, 'definitions', 'content')),
      url: (values.url ?? env['PUBLISH_URL'] ?? 'http://127.0.0.1:3000').replace(/\/+$/, ''),
      username: env['PUBLISH_USERNAME'] ?? 'demo-policy-editor',
      password: env['PUBLISH_PASSWORD'] ?? 'Sentinel@2026',
    };
  } catch {
    return null;
  }
}

/** A tiny JSON client for the engine's API. */
class EngineClient {
  private token = '';

  constructor(private readonly url: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token === '' ? {} : { authorization: `Bearer ${this.token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  async login(username: string, password: string): Promise<void> {
    const answer = await this.call('POST', '/auth/login', { username, password });
    if (answer.status !== 200) throw new Error(`login as ${username}: ${describe(answer)}`);
    this.token = (answer.body as { accessToken: string }).accessToken;
  }
}

function describe(answer: { status: number; body: unknown }): string {
  const errors = (answer.body as ErrorBody | null)?.errors ?? [];
  const first = errors[0];
  return first === undefined
    ? `HTTP ${answer.status}`
    : `HTTP ${answer.status} ${first.code}: ${first.message?.en ?? ''}`;
}

function problemLines(answer: { status: number; body: unknown }): string[] {
  const errors = (answer.body as ErrorBody | null)?.errors ?? [];
  if (errors.length === 0) return [`  HTTP ${answer.status}`];
  return errors.map((e) => `  ${e.path || '/'} ${e.code}: ${e.message?.en ?? ''}`);
}

/** Publishes one definition; returns its output lines and whether it was refused. */
async function publishOne(
  client: EngineClient,
  route: string,
  label: string,
  definition: Record<string, unknown>,
): Promise<{ lines: string[]; refused: boolean }> {
  const key = encodeURIComponent(String(definition['key']));
  const current = await client.call('GET', `/${route}/${key}`);
  const inForce = current.body as { version?: number; checksum?: string } | null;
  if (current.status === 200 && inForce?.checksum === definitionChecksum(definition)) {
    return { lines: [`unchanged  ${label} v${inForce.version ?? '?'}`], refused: false };
  }
  const draft = await client.call('GET', `/admin/${route}/${key}/draft`);
  const revision = draft.status === 200 ? (draft.body as { revision: number }).revision : 0;
  if (draft.status !== 200 && draft.status !== 404) {
    return {
      lines: [`refused    ${label} (reading the draft)`, ...problemLines(draft)],
      refused: true,
    };
  }
  const saved = await client.call('PUT', `/admin/${route}/${key}/draft`, { definition, revision });
  if (saved.status !== 200) {
    return {
      lines: [`refused    ${label} (saving the draft)`, ...problemLines(saved)],
      refused: true,
    };
  }
  const published = await client.call('POST', `/admin/${route}/${key}/publish`, {
    revision: (saved.body as { revision: number }).revision,
  });
  if (published.status !== 201) {
    return { lines: [`refused    ${label}`, ...problemLines(published)], refused: true };
  }
  return {
    lines: [`published  ${label} v${(published.body as { version: number }).version}`],
    refused: false,
  };
}

/** Every dictionary, then every form, of `dir`; returns the exit code. */
export async function publishDirectory(
  run: PublishRun,
  write: Sink,
  writeError: Sink,
): Promise<number> {
  const client = new EngineClient(run.url);
  try {
    await client.login(run.username, run.password);
  } catch (error) {
    writeError(`definitions-publish: ${(error as Error).message} at ${run.url}`);
    return 1;
  }
  let refused = 0;
  for (const { folder, kind, route } of FOLDERS) {
    let files: string[];
    try {
      files = readdirSync(join(run.dir, folder))
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch {
      continue; // a folder may hold only forms or only dictionaries
    }
    for (const file of files) {
      const label = `${kind} ${folder}/${file}`;
      try {
        const { $schema: _hint, ...definition } = JSON.parse(
          readFileSync(join(run.dir, folder, file), 'utf8'),
        ) as Record<string, unknown>;
        const outcome = await publishOne(client, route, label, definition);
        outcome.lines.forEach((line) => write(line));
        if (outcome.refused) refused++;
      } catch (error) {
        write(`refused    ${label}`);
        write(`  ${(error as Error).message.split('\n')[0] ?? ''}`);
        refused++;
      }
    }
  }
  if (refused > 0) writeError(`${refused} definition(s) refused`);
  return refused > 0 ? 1 : 0;
}

if (require.main === module) {
  const run = publishRunOf(process.argv.slice(2), process.env);
  if (run === null) {
    process.stderr.write(`${PUBLISH_USAGE}\n`);
    process.exit(2);
  }
  void publishDirectory(
    run,
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  ).then((code) => process.exit(code));
}
