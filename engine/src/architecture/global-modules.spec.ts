import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SRC = join(__dirname, '..');

/**
 * The only global Nest modules (ADR 0015): infrastructure every module needs and none should have
 * to name. Feature modules import what they use, so their dependencies stay visible.
 */
const GLOBAL_MODULES = [
  'config/config.module.ts',
  'crypto/crypto.module.ts',
  'database/database.module.ts',
  'database/unit-of-work.module.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('global modules (ADR 0015)', () => {
  it('given engine/src, when searched for @Global(), then only config, crypto and database are global', () => {
    const globals = sourceFiles(SRC)
      .filter((file) => readFileSync(file, 'utf8').includes('@Global()'))
      .map((file) => relative(SRC, file).split(sep).join('/'))
      .sort();

    expect(globals).toEqual(GLOBAL_MODULES);
  });
});
