import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dictionary } from '@sentinel/definitions';
import { REPO_ROOT } from '../../../config';
import type { RegionItem } from './region-tree';

/** The region dictionaries shipped with the province's content, seeded into an empty database. */
export const REGION_DICTIONARY_FILES: readonly string[] = [
  'regions-guangdong.json',
  'regions-hainan.json',
];

const DICTIONARY_DIR = join(REPO_ROOT, 'definitions', 'content', 'dictionaries');

/** Reads one region dictionary; a missing or malformed file names itself in the error. */
async function readRegionDictionary(file: string): Promise<RegionItem[]> {
  const path = join(DICTIONARY_DIR, file);
  let parsed: Dictionary;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as Dictionary;
  } catch (error) {
    throw new Error(`region dictionary ${path} is unreadable: ${(error as Error).message}`);
  }
  if (parsed.kind !== 'dictionary' || !Array.isArray(parsed.items))
    throw new Error(`region dictionary ${path} is not a dictionary`);
  return parsed.items.map((item) => ({ code: item.code, name: item.label, parent: item.parent }));
}

/** Every region of the shipped dictionaries, in file order. */
export async function readShippedRegions(): Promise<RegionItem[]> {
  const lists = await Promise.all(REGION_DICTIONARY_FILES.map(readRegionDictionary));
  return lists.flat();
}
