import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ValidateFunction } from 'ajv';
import {
  analyseForm,
  checkDictionary,
  indexDictionaries,
  runGoldenCases,
  type DefinitionProblem,
  type Dictionary,
  type FormDefinition,
} from '@sentinel/definitions';
import { loadMetaSchemas, type MetaSchemaName } from '../modules/registry';
import { nearestOffset, scanJsonPositions, type JsonPositions } from './json-positions';

/** One line of CLI output: where and what. */
export interface ContentDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

/** A parsed content file with its positions. */
interface ContentFile {
  readonly path: string;
  readonly value: { kind?: unknown } & Record<string, unknown>;
  readonly positions: JsonPositions;
}

const CONTENT_KINDS: readonly MetaSchemaName[] = ['dictionary', 'form', 'workflow', 'bundle'];

/** Ajv validators by definition kind. */
function loadValidators(): Map<string, ValidateFunction> {
  const validator = loadMetaSchemas();
  return new Map(CONTENT_KINDS.map((kind) => [kind, validator(kind)]));
}

/** Every .json file under a folder, recursively, in a stable order. */
function listJsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listJsonFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

function at(
  file: ContentFile,
  pointer: string,
  innerOffset?: number,
): { line: number; column: number } {
  const inner =
    innerOffset === undefined ? undefined : file.positions.stringCharOffset(pointer, innerOffset);
  return file.positions.position(inner ?? nearestOffset(file.positions, pointer));
}

function fromProblem(file: ContentFile, p: DefinitionProblem): ContentDiagnostic {
  return { file: file.path, ...at(file, p.pointer, p.start), code: p.code, message: p.message.en };
}

/** Reads a content folder: parse errors become diagnostics, the rest parsed files. */
function readContent(dir: string, out: ContentDiagnostic[]): ContentFile[] {
  const files: ContentFile[] = [];
  for (const absolute of listJsonFiles(dir)) {
    const path = relative(process.cwd(), absolute) || absolute;
    const text = readFileSync(absolute, 'utf8');
    try {
      const value = JSON.parse(text) as ContentFile['value'];
      files.push({ path, value, positions: scanJsonPositions(text) });
    } catch (e) {
      const offset = Number(/position (\d+)/.exec(String(e))?.[1] ?? 0);
      const before = text.slice(0, offset).split('\n');
      out.push({
        file: path,
        line: before.length,
        column: (before.at(-1)?.length ?? 0) + 1,
        code: 'json-syntax',
        message: String((e as Error).message),
      });
    }
  }
  return files;
}

/** Meta-schema and static checks of every definition in a folder. */
export function validateContent(dir: string): ContentDiagnostic[] {
  const out: ContentDiagnostic[] = [];
  const files = readContent(dir, out);
  const validators = loadValidators();
  const schemaValid = new Set<ContentFile>();
  for (const file of files) {
    const validator = validators.get(String(file.value.kind));
    if (validator === undefined) {
      out.push({
        file: file.path,
        ...at(file, '/kind'),
        code: 'unknown-kind',
        message: 'kind must be form, dictionary, workflow or bundle',
      });
      continue;
    }
    if (validator(file.value)) schemaValid.add(file);
    for (const e of validator.errors ?? []) {
      const detail =
        e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties'
          ? ` (${JSON.stringify(e.params)})`
          : '';
      out.push({
        file: file.path,
        ...at(file, e.instancePath),
        code: `schema-${e.keyword}`,
        message: `${e.message ?? 'invalid'}${detail}`,
      });
    }
  }
  const valid = files.filter((f) => schemaValid.has(f));
  const dictionaries = valid.filter((f) => f.value.kind === 'dictionary');
  for (const file of dictionaries)
    for (const p of checkDictionary(file.value as unknown as Dictionary))
      out.push(fromProblem(file, p));
  const index = indexDictionaries(dictionaries.map((f) => f.value as unknown as Dictionary));
  for (const file of valid.filter((f) => f.value.kind === 'form')) {
    for (const p of analyseForm(file.value as unknown as FormDefinition, index).problems)
      out.push(fromProblem(file, p));
  }
  return out;
}

/** Runs the golden cases of every form in a folder (after the same checks as `validate`). */
export function testContent(dir: string): {
  diagnostics: ContentDiagnostic[];
  passed: number;
  failed: number;
} {
  const diagnostics = validateContent(dir);
  const files = readContent(dir, []);
  const dictionaries = files
    .filter((f) => f.value.kind === 'dictionary')
    .map((f) => f.value as unknown as Dictionary);
  let passed = 0;
  let failed = 0;
  for (const file of files.filter((f) => f.value.kind === 'form')) {
    for (const result of runGoldenCases(file.value as unknown as FormDefinition, {
      dictionaries,
    })) {
      if (result.passed) {
        passed++;
        continue;
      }
      failed++;
      diagnostics.push({
        file: file.path,
        ...at(file, result.pointer),
        code: 'golden-case',
        message: `“${result.name}”: ${result.failures.join('; ')}`,
      });
    }
  }
  return { diagnostics, passed, failed };
}
