import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/**
 * Lints `code` as if it were the file at `filePath` (relative to the repository), with the
 * repository's own eslint.config.mjs. In a child process because the flat config is an ES
 * module, which Jest's module system cannot import.
 */
function lintAs(filePath: string, code: string): LintMessage[] {
  const script = `
    import { ESLint } from 'eslint';
    const eslint = new ESLint({ cwd: process.env.REPO_ROOT });
    const [result] = await eslint.lintText(process.env.CODE, { filePath: process.env.FILE_PATH });
    process.stdout.write(JSON.stringify(result.messages));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, REPO_ROOT, CODE: code, FILE_PATH: join(REPO_ROOT, filePath) },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintMessage[];
}

const boundaryErrors = (messages: LintMessage[]) =>
  messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);

describe('module boundaries (ADR 0015)', () => {
  it('given a module importing a file deep inside another module, when linted, then the boundary error names the module', () => {
    const messages = lintAs(
      'engine/src/modules/files/probe.ts',
      "import { AuditLog } from '../audit/audit-log';\nexport const probe = AuditLog;\n",
    );

    expect(boundaryErrors(messages)).toEqual([
      'import module "audit" through its index.ts (ADR 0015)',
    ]);
  });

  it('given a module importing another module through its index, when linted, then no boundary error', () => {
    const messages = lintAs(
      'engine/src/modules/files/probe.ts',
      "import { AuditLog } from '../audit';\nexport const probe = AuditLog;\n",
    );

    expect(messages).toEqual([]);
  });

  it('given the composition root reaching into a module, crypto and common, when linted, then one boundary error each', () => {
    const messages = lintAs(
      'engine/src/probe.ts',
      [
        "import { AuditModule } from './modules/audit/audit.module';",
        "import { sm3Hex } from './crypto/sm3';",
        "import { appendPointer } from './common/input/json-pointer';",
        'export const probe = [AuditModule, sm3Hex, appendPointer];',
        '',
      ].join('\n'),
    );

    expect(boundaryErrors(messages)).toEqual([
      'import module "audit" through its index.ts (ADR 0015)',
      'import infrastructure "crypto" through its index.ts (ADR 0015)',
      'import common "input" through its index.ts (ADR 0015)',
    ]);
  });

  it('given a file importing inside its own module, or a spec importing internals, when linted, then no boundary error', () => {
    const own = lintAs(
      'engine/src/modules/audit/probe.ts',
      "import { AuditLog } from './audit-log';\nexport const probe = AuditLog;\n",
    );
    const spec = lintAs(
      'engine/src/modules/files/probe.spec.ts',
      "import { AuditLog } from '../audit/audit-log';\nexport const probe = AuditLog;\n",
    );

    expect(own).toEqual([]);
    expect(spec).toEqual([]);
  });
});
