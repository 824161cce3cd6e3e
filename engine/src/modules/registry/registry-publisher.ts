import { Injectable, Logger } from '@nestjs/common';
import {
  checkDictionary,
  checkForm,
  indexDictionaries,
  type Dictionary,
  type FormDefinition,
} from '@sentinel/definitions';
import { ApiError, type ErrorDetail } from '../../common/errors';
import { AuditLog, auditPublication } from '../audit';
import { CachedDefinitionRegistry } from './cached-definition-registry';
import { definitionChecksum } from './canonical-json';
import { DefinitionShapeChecker, type DefinitionKind } from './definition-shape';
import { DefinitionStore, type DraftRecord, type StoredDefinition } from './definition-store';
import { draftContent } from './draft-content';
import { DraftParameterSync } from './draft-parameter-sync';
import {
  parametersOf,
  parameterValueProblems,
  withParameterValues,
  type ParameterValue,
} from './form-parameters';
import { dictionaryGate, formGate, referencedDictionaries, type GateFinding } from './publish-gate';
import {
  concurrentPublication,
  definitionNotFound,
  draftNotFound,
  publishRefused,
  staleRevision,
} from './registry-errors';

/** Clock skew tolerated before an `effectiveFrom` counts as back-dating. */
const EFFECTIVE_FROM_TOLERANCE_MS = 60_000;

const RESOURCE = { form: 'forms', dictionary: 'dictionaries' } as const;

/** The answer to a draft save: the new revision and what publication would refuse statically. */
export interface DraftSaved {
  readonly key: string;
  readonly revision: number;
  readonly problems: readonly ErrorDetail[];
}

/** The answer to a publication. */
export interface Publication {
  readonly key: string;
  readonly version: number;
  readonly effectiveFrom: Date;
  readonly checksum: string;
}

/** How refusals are located in the request: under `/definition`, or all at one path. */
export interface PublishOptions {
  readonly effectiveFrom?: Date;
  /** Locate every refusal at this request path instead of under `/definition`. */
  readonly refusalPath?: string;
  /** Publish only as this version number (seeding: 1), else 409 as if someone else was first. */
  readonly onlyAsVersion?: number;
}

/**
 * Drafts and publications: every publication passes the meta-schema, the static checks and every
 * golden case (for a dictionary, those of each form in force that reads it) or nothing is stored.
 * Versions are immutable and numbered by the store's unique index; every outcome is audited.
 */
@Injectable()
export class RegistryPublisher {
  private readonly logger = new Logger('RegistryPublisher');

  constructor(
    private readonly store: DefinitionStore,
    private readonly registry: CachedDefinitionRegistry,
    private readonly shape: DefinitionShapeChecker,
    private readonly audit: AuditLog,
    private readonly draftSync: DraftParameterSync,
  ) {}

  async saveDraft(
    kind: DefinitionKind,
    key: string,
    definition: Readonly<Record<string, unknown>>,
    revision: number,
    actor: string,
  ): Promise<DraftSaved> {
    const content = draftContent(kind, key, definition);
    const outcome = await this.store.saveDraft(kind, key, content, revision, actor);
    if (!outcome.saved) throw staleRevision(key, revision, outcome.currentRevision);
    await this.audit.append({
      action: revision === 0 ? 'create' : 'update',
      actor,
      resource: `${kind}_drafts`,
      resourceId: key,
      details: { revision: outcome.revision },
    });
    return { key, revision: outcome.revision, problems: await this.staticProblems(kind, content) };
  }

  async draft(kind: DefinitionKind, key: string): Promise<DraftRecord> {
    const draft = await this.store.findDraft(kind, key);
    if (draft === null) throw draftNotFound(kind, key);
    return draft;
  }

  /** Publishes the draft at `revision` (409 if it moved on since the editor loaded it). */
  async publishDraft(
    kind: DefinitionKind,
    key: string,
    revision: number,
    actor: string,
    effectiveFrom?: Date,
  ): Promise<Publication> {
    const draft = await this.draft(kind, key);
    if (draft.revision !== revision) throw staleRevision(key, revision, draft.revision);
    return this.publish(kind, draftContent(kind, key, draft.definition), actor, { effectiveFrom });
  }

  /**
   * A new version of the form in force with only these parameter defaults changed, gated like
   * any publication; the draft follows so the next publication from it does not undo them.
   */
  async publishParameters(
    key: string,
    values: Readonly<Record<string, unknown>>,
    actor: string,
    effectiveFrom?: Date,
  ): Promise<Publication> {
    await this.registry.synchronise();
    const current = await this.registry.currentForm(key);
    if (current === null) throw definitionNotFound('form', key);
    const latest = await this.store.latestVersion('form', key);
    if (latest > current.version) {
      throw ApiError.single(409, 'VERSION_PENDING', '', {
        zh: `表单“${key}”第 ${latest} 版尚未生效；请待其生效后再调整参数`,
        en: `Form “${key}” version ${latest} is not in force yet; change parameters once it is`,
      });
    }
    const problems = parameterValueProblems(current.definition, values);
    if (problems.length > 0) throw new ApiError(422, 'INVALID_PARAMETERS', problems);
    const checked = values as Readonly<Record<string, ParameterValue>>;
    const definition = withParameterValues(current.definition, checked);
    const publication = await this.publish(
      'form',
      definition as unknown as StoredDefinition,
      actor,
      {
        effectiveFrom,
        refusalPath: '/values',
      },
    );
    await this.draftSync.follow(key, checked, actor);
    return publication;
  }

  /**
   * Gates and stores one definition as the next version (seeding and the paths above). Throws
   * 422 with every finding, or 409 when another publication took the version number first.
   */
  async publish(
    kind: DefinitionKind,
    definition: StoredDefinition,
    actor: string,
    options: PublishOptions = {},
  ): Promise<Publication> {
    const now = new Date();
    const effectiveFrom = options.effectiveFrom ?? now;
    if (effectiveFrom.getTime() < now.getTime() - EFFECTIVE_FROM_TOLERANCE_MS) {
      throw ApiError.single(422, 'EFFECTIVE_FROM_IN_PAST', '/effectiveFrom', {
        zh: '生效时间不能早于当前时间',
        en: 'effectiveFrom may not lie in the past',
      });
    }
    await this.registry.synchronise();
    const dictionaries = (await this.registry.currentDictionaries(now)).map((d) => d.dictionary);
    const findings = await this.gate(kind, definition, dictionaries);
    const key = String(definition['key']);
    if (findings.length > 0) {
      await auditPublication(this.audit, {
        resource: RESOURCE[kind],
        key,
        actor,
        outcome: 'failure',
        details: { problems: findings.length },
      });
      throw publishRefused(
        findings.map((f) => ({
          path: options.refusalPath ?? `/definition${f.pointer}`,
          code: f.code,
          message: f.message,
        })),
      );
    }
    const version = (await this.store.latestVersion(kind, key)) + 1;
    if (options.onlyAsVersion !== undefined && options.onlyAsVersion !== version)
      throw concurrentPublication(kind, key, options.onlyAsVersion);
    const stored = { ...definition, version };
    const checksum = definitionChecksum(stored);
    const form = kind === 'form' ? (stored as unknown as FormDefinition) : undefined;
    const inserted = await this.store.insertVersion(kind, {
      key,
      version,
      definition: stored,
      parameters: form === undefined ? {} : parametersOf(form),
      dictionaryVersions: form === undefined ? {} : await this.dictionaryVersionsOf(form, now),
      publishedAt: now,
      publishedBy: actor,
      effectiveFrom,
      checksum,
    });
    if (!inserted) throw concurrentPublication(kind, key, version);
    this.registry.invalidate();
    await auditPublication(this.audit, {
      resource: RESOURCE[kind],
      key,
      actor,
      outcome: 'success',
      details: { version, checksum, effectiveFrom: effectiveFrom.toISOString() },
    });
    this.logger.log(`${kind} ${key} v${version} published by ${actor}`);
    return { key, version, effectiveFrom, checksum };
  }

  private async gate(
    kind: DefinitionKind,
    definition: StoredDefinition,
    dictionaries: readonly Dictionary[],
  ): Promise<GateFinding[]> {
    if (kind === 'form') return formGate(definition, dictionaries, this.shape);
    const dependents = await this.registry.currentForms();
    return dictionaryGate(definition, dictionaries, dependents, this.shape);
  }

  private async dictionaryVersionsOf(
    form: FormDefinition,
    now: Date,
  ): Promise<Record<string, number>> {
    const used = new Set(referencedDictionaries(form));
    const inForce = await this.registry.currentDictionaries(now);
    return Object.fromEntries(
      inForce.filter((d) => used.has(d.key)).map((d) => [d.key, d.version]),
    );
  }

  /** Meta-schema, then static problems of a draft, under `/definition` (golden cases run at publish). */
  private async staticProblems(
    kind: DefinitionKind,
    definition: StoredDefinition,
  ): Promise<ErrorDetail[]> {
    const shapeProblems = this.shape.problems(kind, definition);
    const problems =
      shapeProblems.length > 0
        ? shapeProblems
        : kind === 'dictionary'
          ? checkDictionary(definition as unknown as Dictionary)
          : checkForm(
              definition as unknown as FormDefinition,
              indexDictionaries(
                (await this.registry.currentDictionaries()).map((d) => d.dictionary),
              ),
            );
    return problems.map((p) => ({
      path: `/definition${p.pointer}`,
      code: p.code,
      message: p.message,
    }));
  }
}
