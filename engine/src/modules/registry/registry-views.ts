import { toFormilySchema, toJsonSchema } from '@sentinel/definitions';
import type { PublishedDictionary, PublishedForm } from './definition-registry';
import type { VersionPointer } from './definition-store';
import type { RenderQuery } from './dto/route-params.dto';

/** A published form as the API answers it; `rendered` only when `?render=` asked for it. */
export function formView(form: PublishedForm, query: RenderQuery = {}) {
  const view = {
    key: form.key,
    version: form.version,
    title: form.definition.title,
    effectiveFrom: form.effectiveFrom,
    publishedAt: form.publishedAt,
    publishedBy: form.publishedBy,
    checksum: form.checksum,
    parameters: form.parameters,
    dictionaryVersions: form.dictionaryVersions,
    definition: form.definition,
  };
  if (query.render === undefined) return view;
  const options = { locale: query.locale ?? 'zh', dictionaries: form.compiled.dictionaries };
  const rendered =
    query.render === 'formily'
      ? { format: 'formily', schema: toFormilySchema(form.definition, options) }
      : { format: 'json-schema', ...toJsonSchema(form.definition, options) };
  return { ...view, rendered };
}

/** One line of `GET /forms`: what is in force, without the definition. */
export function formSummary(form: PublishedForm) {
  return {
    key: form.key,
    version: form.version,
    title: form.definition.title,
    description: form.definition.description,
    effectiveFrom: form.effectiveFrom,
    publishedAt: form.publishedAt,
    checksum: form.checksum,
  };
}

/** A published dictionary as the API answers it. */
export function dictionaryView(dictionary: PublishedDictionary) {
  return {
    key: dictionary.key,
    version: dictionary.version,
    title: dictionary.dictionary.title,
    effectiveFrom: dictionary.effectiveFrom,
    publishedAt: dictionary.publishedAt,
    publishedBy: dictionary.publishedBy,
    checksum: dictionary.checksum,
    dictionary: dictionary.dictionary,
  };
}

/** One line of `GET /dictionaries`. */
export function dictionarySummary(dictionary: PublishedDictionary) {
  return {
    key: dictionary.key,
    version: dictionary.version,
    title: dictionary.dictionary.title,
    items: dictionary.dictionary.items.length,
    effectiveFrom: dictionary.effectiveFrom,
    checksum: dictionary.checksum,
  };
}

/** The version history of a key, marking the one in force. */
export function versionList(key: string, pointers: readonly VersionPointer[], inForce?: number) {
  return {
    key,
    current: inForce ?? null,
    items: pointers.map((p) => ({
      version: p.version,
      effectiveFrom: p.effectiveFrom,
      publishedAt: p.publishedAt,
      publishedBy: p.publishedBy,
      checksum: p.checksum,
    })),
  };
}
