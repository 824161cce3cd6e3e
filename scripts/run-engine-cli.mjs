// Runs one of the engine's command-line tools (engine/dist/cli/<name>.js), building the packages
// first when the build is missing or older than the sources. Build output goes to stderr so that
// a tool's stdout stays clean for pipes: `npm run -s gdehr -- param ... | xxd -r -p`.
// Usage: node scripts/run-engine-cli.mjs <name> [arguments...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  process.stderr.write('usage: node scripts/run-engine-cli.mjs <cli-name> [arguments...]\n');
  process.exit(2);
}

/** Newest modification time under a directory (sources only; skips node_modules and dist). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const entry = join(root, 'engine', 'dist', 'cli', `${name}.js`);
const sourcesChanged =
  !existsSync(entry) ||
  statSync(entry).mtimeMs <
    Math.max(newest(join(root, 'engine', 'src')), newest(join(root, 'definitions', 'src')));
if (sourcesChanged) {
  const build = spawnSync('npm', ['run', '-s', 'build', '-w', 'definitions', '-w', 'engine'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [entry, ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
