#!/usr/bin/env node
/**
 * `definitions-cli validate [dir]` checks every definition against the meta-schemas and the static
 * checks; `definitions-cli test [dir]` also runs every form's golden cases. Exit code 1 on any failure.
 */
import { dirname, join } from 'node:path';
import { testContent, validateContent, type ContentDiagnostic } from './content-check';

/** The definitions package's own content folder, used when no folder is given. */
function defaultContentDir(): string {
  return join(dirname(require.resolve('@sentinel/definitions/package.json')), 'content');
}

/** `file:line:col code message`, the format editors and CI annotate from. */
export function formatDiagnostic(d: ContentDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;
}

/** Runs a command; returns the exit code and writes through the given sinks (testable). */
export function runCli(
  argv: readonly string[],
  write: (line: string) => void,
  writeError: (line: string) => void,
): number {
  const [command, dir = defaultContentDir()] = argv;
  if (command === 'validate') {
    const diagnostics = validateContent(dir);
    for (const d of diagnostics) writeError(formatDiagnostic(d));
    write(
      diagnostics.length === 0 ? `definitions valid: ${dir}` : `${diagnostics.length} problem(s)`,
    );
    return diagnostics.length === 0 ? 0 : 1;
  }
  if (command === 'test') {
    const { diagnostics, passed, failed } = testContent(dir);
    for (const d of diagnostics) writeError(formatDiagnostic(d));
    write(
      `golden cases: ${passed} passed, ${failed} failed; ${diagnostics.length - failed} other problem(s)`,
    );
    return diagnostics.length === 0 ? 0 : 1;
  }
  writeError('usage: definitions-cli validate|test [dir]');
  return 2;
}

if (require.main === module) {
  process.exitCode = runCli(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}
