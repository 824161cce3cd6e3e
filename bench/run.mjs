// Runs every benchmark in this folder (`*.bench.mjs`) one after another and prints their figures.
// Usage: npm run bench (builds first), or node bench/run.mjs [name-filter]
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.mjs') && name.includes(filter))
  .sort();
let missed = 0;
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = await import(pathToFileURL(join(here, file)).href);
  const ok = await mod.run();
  if (!ok) missed++;
}
console.log(`\n${files.length - missed} benchmark files met their targets, ${missed} missed`);
