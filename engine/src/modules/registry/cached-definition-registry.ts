import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  compileForm,
  DefinitionError,
  indexDictionaries,
  type Dictionary,
  type FormDefinition,
} from '@sentinel/definitions';
import { AppConfig } from '../../config';
import type { DefinitionKind } from './definition-shape';
import {
  DefinitionRegistry,
  type PublishedDictionary,
  type PublishedForm,
} from './definition-registry';
import { DefinitionStore, type VersionPointer, type VersionRecord } from './definition-store';
import { referencedDictionaries } from './publish-gate';
import { ImmutableCache, inForce, memo, RegistryEpoch } from './registry-epoch';

/** Published versions kept in memory (a few KB each). */
const RECORD_CAPACITY = 1000;
/** Compiled forms kept in memory (forms × dictionary combinations in use). */
const COMPILED_CAPACITY = 200;

/** The form in force for one key, and the span of time in which that answer holds. */
interface InForceForm {
  readonly form: PublishedForm;
  /** The latest effectiveFrom (ms) at or before the time it was chosen for. */
  readonly fromMs: number;
  /** The earliest effectiveFrom (ms) after it: a version or dictionary takes over then. */
  readonly untilMs: number;
}

/** Shared by every request, so no caller may change a published version in place. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function toPublishedDictionary(record: VersionRecord): PublishedDictionary {
  return {
    key: record.key,
    version: record.version,
    dictionary: record.definition as unknown as Dictionary,
    publishedAt: record.publishedAt,
    effectiveFrom: record.effectiveFrom,
    publishedBy: record.publishedBy,
    checksum: record.checksum,
  };
}

/**
 * The registry every request reads. Which versions exist is cached per epoch; a poller reads the
 * store's generation every `registryPollMs` and starts a new epoch when any instance has
 * published. Versions themselves are immutable, so records and forms compiled against given
 * dictionary versions are kept across epochs. Forms compile against the dictionaries in force.
 */
@Injectable()
export class CachedDefinitionRegistry
  extends DefinitionRegistry
  implements OnModuleInit, OnModuleDestroy
{
  private readonly logger = new Logger('DefinitionRegistry');
  private epoch = new RegistryEpoch();
  private readonly publishedRecords = new ImmutableCache<VersionRecord>(RECORD_CAPACITY);
  /** Compiled forms by `key@version|dict@v,…`: a form compiled against given dictionary versions. */
  private readonly compiledForms = new ImmutableCache<PublishedForm>(COMPILED_CAPACITY);
  private readonly dictionaryReads = new WeakMap<FormDefinition, readonly string[]>();
  /** currentForm's answers per epoch: the hot path of every report skips the look-ups. */
  private readonly inForceForms = new WeakMap<RegistryEpoch, Map<string, InForceForm>>();
  private knownGeneration: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: DefinitionStore,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    this.knownGeneration = await this.store.generation();
    this.schedulePoll();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Drops every cache now (after a publication by this instance). */
  invalidate(): void {
    this.epoch = new RegistryEpoch();
  }

  /** Reads the generation and drops the caches if another instance published since. */
  async synchronise(): Promise<void> {
    const generation = await this.store.generation();
    if (generation !== this.knownGeneration) {
      this.knownGeneration = generation;
      this.invalidate();
    }
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.synchronise()
        .catch((error: unknown) =>
          this.logger.warn(`registry poll failed, caches kept: ${String(error)}`),
        )
        .finally(() => this.schedulePoll());
    }, this.config.registryPollMs);
    this.timer.unref();
  }

  async currentForm(key: string, now: Date = new Date()): Promise<PublishedForm | null> {
    const epoch = this.epoch;
    const nowMs = now.getTime();
    const known = this.inForceForms.get(epoch)?.get(key);
    if (known !== undefined && known.fromMs <= nowMs && nowMs < known.untilMs) return known.form;

    const formPointers = await this.formPointers(epoch, key);
    const pointer = inForce(formPointers, now);
    if (pointer === undefined) return null;
    const form = await this.compiledForm(epoch, key, pointer.version, now);
    if (form !== null) {
      const dictionaryPointers = await this.dictionaryPointers(epoch);
      const deciding = [
        formPointers,
        ...this.readsOf(form.definition).map((k) => dictionaryPointers.get(k) ?? []),
      ];
      this.rememberInForce(epoch, key, form, deciding, nowMs);
    }
    return form;
  }

  /**
   * Which versions are in force changes only when the clock passes an effectiveFrom, so the
   * answer holds between the last one at or before `nowMs` and the first one after it (within
   * the epoch: a publication starts a new one).
   */
  private rememberInForce(
    epoch: RegistryEpoch,
    key: string,
    form: PublishedForm,
    deciding: readonly (readonly VersionPointer[])[],
    nowMs: number,
  ): void {
    let fromMs = -Infinity;
    let untilMs = Infinity;
    for (const pointers of deciding) {
      for (const pointer of pointers) {
        const effectiveMs = pointer.effectiveFrom.getTime();
        if (effectiveMs <= nowMs) fromMs = Math.max(fromMs, effectiveMs);
        else untilMs = Math.min(untilMs, effectiveMs);
      }
    }
    let forms = this.inForceForms.get(epoch);
    if (forms === undefined) {
      forms = new Map();
      this.inForceForms.set(epoch, forms);
    }
    forms.set(key, { form, fromMs, untilMs });
  }

  async formVersion(key: string, version: number): Promise<PublishedForm | null> {
    return this.compiledForm(this.epoch, key, version, new Date());
  }

  async currentDictionary(
    key: string,
    now: Date = new Date(),
  ): Promise<PublishedDictionary | null> {
    const epoch = this.epoch;
    const pointer = inForce((await this.dictionaryPointers(epoch)).get(key) ?? [], now);
    return pointer === undefined ? null : this.dictionaryVersion(key, pointer.version);
  }

  async dictionaryVersion(key: string, version: number): Promise<PublishedDictionary | null> {
    const record = await this.record(this.epoch, 'dictionary', key, version);
    return record === null ? null : toPublishedDictionary(record);
  }

  /** Every dictionary in force at `now`, one version per key. */
  async currentDictionaries(now: Date = new Date()): Promise<PublishedDictionary[]> {
    const epoch = this.epoch;
    const pointers = await this.dictionaryPointers(epoch);
    return this.inForceDictionaries(epoch, [...pointers.keys()], now);
  }

  /** Every form in force at `now`, one version per key, in key order. */
  async currentForms(now: Date = new Date()): Promise<PublishedForm[]> {
    const pointers = await this.store.listPointers('form');
    const keys = [...new Set(pointers.map((p) => p.key))];
    const forms = await Promise.all(keys.map((key) => this.currentForm(key, now)));
    return forms.filter((form): form is PublishedForm => form !== null);
  }

  /** Every version of one form or dictionary, oldest first (empty when the key is unknown). */
  async versions(kind: DefinitionKind, key: string): Promise<VersionPointer[]> {
    if (kind === 'form') return this.formPointers(this.epoch, key);
    return (await this.dictionaryPointers(this.epoch)).get(key) ?? [];
  }

  private formPointers(epoch: RegistryEpoch, key: string): Promise<VersionPointer[]> {
    return memo(epoch.formPointers, key, () => this.store.listPointers('form', key));
  }

  private dictionaryPointers(epoch: RegistryEpoch): Promise<ReadonlyMap<string, VersionPointer[]>> {
    return memo(epoch.dictionaryPointers, 'all', async () => {
      const byKey = new Map<string, VersionPointer[]>();
      for (const pointer of await this.store.listPointers('dictionary')) {
        const list = byKey.get(pointer.key) ?? [];
        list.push(pointer);
        byKey.set(pointer.key, list);
      }
      return byKey;
    });
  }

  /** A version record: misses are per epoch, found records (immutable) are kept across epochs. */
  private record(
    epoch: RegistryEpoch,
    kind: DefinitionKind,
    key: string,
    version: number,
  ): Promise<VersionRecord | null> {
    const id = `${kind}:${key}@${version}`;
    const known = this.publishedRecords.peek(id);
    if (known !== undefined) return known;
    return memo(epoch.records, id, async () => {
      const found = await this.store.findVersion(kind, key, version);
      if (found === null) return null;
      return this.publishedRecords.get(id, () => Promise.resolve(deepFreeze(found)));
    });
  }

  private async inForceDictionaries(
    epoch: RegistryEpoch,
    keys: readonly string[],
    now: Date,
  ): Promise<PublishedDictionary[]> {
    const pointers = await this.dictionaryPointers(epoch);
    const chosen = keys.flatMap((key) => inForce(pointers.get(key) ?? [], now) ?? []);
    const records = await Promise.all(
      chosen.map((p) => this.record(epoch, 'dictionary', p.key, p.version)),
    );
    return records.flatMap((r) => (r === null ? [] : [toPublishedDictionary(r)]));
  }

  private async compiledForm(
    epoch: RegistryEpoch,
    key: string,
    version: number,
    now: Date,
  ): Promise<PublishedForm | null> {
    const record = await this.record(epoch, 'form', key, version);
    if (record === null) return null;
    const definition = record.definition as unknown as FormDefinition;
    const dictionaries = await this.inForceDictionaries(epoch, this.readsOf(definition), now);
    const signature = `${key}@${version}|${dictionaries.map((d) => `${d.key}@${d.version}`).join(',')}`;
    return this.compiledForms.get(signature, () =>
      this.compile(epoch, record, definition, dictionaries),
    );
  }

  /** The dictionaries a published form reads, worked out once per definition object. */
  private readsOf(definition: FormDefinition): readonly string[] {
    let keys = this.dictionaryReads.get(definition);
    if (keys === undefined) {
      keys = referencedDictionaries(definition);
      this.dictionaryReads.set(definition, keys);
    }
    return keys;
  }

  /**
   * Compiles against the dictionaries in force; should a later dictionary have broken an old
   * version (its golden cases were rechecked only for the forms in force), falls back to the
   * dictionary versions it was published with, so reports pinned to it still validate.
   */
  private async compile(
    epoch: RegistryEpoch,
    record: VersionRecord,
    definition: FormDefinition,
    dictionaries: readonly PublishedDictionary[],
  ): Promise<PublishedForm> {
    try {
      return this.published(record, definition, dictionaries);
    } catch (error) {
      if (!(error instanceof DefinitionError)) throw error;
      this.logger.warn(
        `${record.key} v${record.version} no longer compiles with the dictionaries in force; using those it was published with`,
      );
      const original = await Promise.all(
        Object.entries(record.dictionaryVersions).map(([key, version]) =>
          this.record(epoch, 'dictionary', key, version),
        ),
      );
      const fallback = original.flatMap((r) => (r === null ? [] : [toPublishedDictionary(r)]));
      return this.published(record, definition, fallback);
    }
  }

  private published(
    record: VersionRecord,
    definition: FormDefinition,
    dictionaries: readonly PublishedDictionary[],
  ): PublishedForm {
    const compiled = compileForm(
      definition,
      indexDictionaries(dictionaries.map((d) => d.dictionary)),
    );
    return {
      key: record.key,
      version: record.version,
      definition,
      compiled,
      parameters: record.parameters,
      publishedAt: record.publishedAt,
      effectiveFrom: record.effectiveFrom,
      publishedBy: record.publishedBy,
      dictionaryVersions: Object.fromEntries(dictionaries.map((d) => [d.key, d.version])),
      checksum: record.checksum,
    };
  }
}
