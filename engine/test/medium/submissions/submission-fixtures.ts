import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileForm,
  indexDictionaries,
  type Dictionary,
  type FormDefinition,
} from '@sentinel/definitions';
import { permissionsOf, type Principal, type Role } from '../../../src/common/auth';
import { ApiError } from '../../../src/common/errors';
import { HmacSm3BlindIndex } from '../../../src/crypto/blind-index';
import { Sm4FieldCipher } from '../../../src/crypto/field-cipher';
import {
  AuditLog,
  type AuditEntryInput,
  type AuditVerification,
} from '../../../src/modules/audit/audit-log';
import {
  FileReferences,
  type FileFieldValue,
  type ReferencingRecord,
} from '../../../src/modules/files/file-references';
import { FakeInstitutions, FakePatients } from './identity-fakes';
import {
  DefinitionRegistry,
  type PublishedDictionary,
  type PublishedForm,
} from '../../../src/modules/registry/definition-registry';
import {
  IdempotentExecution,
  type IdempotencyTiming,
} from '../../../src/modules/submissions/idempotent-execution';
import { InMemorySubmissionRepository } from '../../../src/modules/submissions/in-memory-submission.repository';
import { PatientSearch } from '../../../src/modules/submissions/patient-search.service';
import { PersonalValues } from '../../../src/modules/personal-data';
import { RecentInstitutions } from '../../../src/modules/submissions/recent-institutions';
import { SubmissionAudit } from '../../../src/modules/submissions/submission-audit';
import { newTimeOrderedId } from '../../../src/modules/submissions/submission-id';
import type { StoredSubmission } from '../../../src/modules/submissions/submission.types';
import { SubmissionPreparation } from '../../../src/modules/submissions/submission-preparation';
import { SubmissionReader } from '../../../src/modules/submissions/submission-reader.service';
import {
  SubmissionsService,
  type CreateSubmissionCommand,
} from '../../../src/modules/submissions/submissions.service';
import { WorkflowSubmissions } from '../../../src/modules/submissions/workflow-submissions';
import { SystemClock } from '../../../src/common/clock';

export { FakeInstitutions, FakePatients } from './identity-fakes';

const CONTENT = join(__dirname, '..', '..', '..', '..', 'definitions', 'content');
const readJson = <T>(...parts: string[]): T =>
  JSON.parse(readFileSync(join(CONTENT, ...parts), 'utf8')) as T;

/** Every dictionary of the province's content. */
export function contentDictionaries(): Dictionary[] {
  return readdirSync(join(CONTENT, 'dictionaries')).map((file) =>
    readJson<Dictionary>('dictionaries', file),
  );
}

/** A form of the province's content, e.g. `patient-visit-report`. */
export function contentForm(key: string): FormDefinition {
  return readJson<FormDefinition>('forms', `${key}.json`);
}

/** A form as the registry would serve it once published. */
export function publish(
  definition: FormDefinition,
  dictionaries: readonly Dictionary[] = contentDictionaries(),
): PublishedForm {
  const parameters = Object.fromEntries(
    (definition.parameters ?? []).map((p) => [p.key, p.default]),
  );
  return {
    key: definition.key,
    version: definition.version,
    definition,
    compiled: compileForm(definition, indexDictionaries(dictionaries)),
    parameters,
    publishedAt: new Date(),
    effectiveFrom: new Date(0),
    publishedBy: 'test',
    dictionaryVersions: Object.fromEntries(dictionaries.map((d) => [d.key, d.version])),
    checksum: 'test',
  };
}

/** Published forms kept in memory; the newest version of a key is current. */
export class FakeRegistry extends DefinitionRegistry {
  private readonly forms: PublishedForm[] = [];

  add(form: PublishedForm): this {
    this.forms.push(form);
    return this;
  }

  currentForm(key: string): Promise<PublishedForm | null> {
    const versions = this.forms.filter((f) => f.key === key).sort((a, b) => b.version - a.version);
    return Promise.resolve(versions[0] ?? null);
  }

  formVersion(key: string, version: number): Promise<PublishedForm | null> {
    return Promise.resolve(this.forms.find((f) => f.key === key && f.version === version) ?? null);
  }

  currentDictionary(): Promise<PublishedDictionary | null> {
    return Promise.resolve(null);
  }
}

/** Keeps audit entries in order so a test can read what was appended. */
export class RecordingAudit extends AuditLog {
  readonly entries: AuditEntryInput[] = [];

  append(entry: AuditEntryInput): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }

  verify(): Promise<AuditVerification> {
    return Promise.resolve({ ok: true, entries: this.entries.length });
  }

  actions(): string[] {
    return this.entries.map((e) => e.action);
  }
}

/** Records attach calls; refuses ids listed in `unusable` the way the files module would. */
export class RecordingFileReferences extends FileReferences {
  readonly calls: { values: readonly FileFieldValue[]; record: ReferencingRecord }[] = [];

  attach(
    _: Principal,
    values: readonly FileFieldValue[],
    record: ReferencingRecord,
  ): Promise<void> {
    this.calls.push({ values, record });
    return Promise.resolve();
  }
}

/** A principal as the auth guard would build it from an account. */
export function principal(
  roles: readonly Role[],
  extra: Partial<Principal> & { userId?: string } = {},
): Principal {
  return {
    userId: extra.userId ?? `u-${roles.join('-')}`,
    username: extra.username ?? roles.join('-'),
    displayName: extra.displayName ?? `测试${roles.join('')}`,
    roles,
    permissions: permissionsOf(roles),
    ...extra,
  };
}

export const doctorOf = (institutionId: string, userId = `doctor-${institutionId}`): Principal =>
  principal(['doctor'], { userId, institutionId, regionCode: '441900003' });

/** Real field cipher and blind index with fresh random keys. */
export function testCrypto(): { cipher: Sm4FieldCipher; blindIndex: HmacSm3BlindIndex } {
  return {
    cipher: new Sm4FieldCipher([{ kid: 'k1', secret: randomBytes(32) }]),
    blindIndex: new HmacSm3BlindIndex(randomBytes(32)),
  };
}

/** Today in China, as `YYYY-MM-DD` (onset dates may not lie in the future). */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A complete febrile visit report (38.5 °C, referred to 东莞市人民医院) whose patient block
 * can be varied: the province's golden case with today's onset date.
 */
export function feverReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientName: '陈琛',
    idType: '01',
    idNumber: '362421199409180026',
    gender: '2',
    birthDate: '1994-09-18',
    phone: '13658582323',
    crowdCategory: '01',
    onsetDate: chinaToday(),
    epidemiologicalHistory: ['none'],
    mainSymptoms: { shortBreath: true, diarrhoea: true, lossOfTaste: true },
    temperature: 38.5,
    currentAddress: { region: '441900005', detail: '万江街道金泰社区 1 号' },
    referralInstitution: 'DG007',
    patientDestination: 'referral',
    ...overrides,
  };
}

/** The same report without a fever: address and referral not needed. */
export function normalReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const {
    currentAddress: _a,
    referralInstitution: _r,
    patientDestination: _d,
    ...rest
  } = feverReport();
  return { ...rest, temperature: 36.6, ...overrides };
}

/**
 * The module's services wired by hand over the in-memory repository and fakes of the other
 * modules' ports (unit tests; the medium and e2e tests use Nest and the real store).
 */
export function submissionsHarness(timing?: IdempotencyTiming) {
  const registry = new FakeRegistry().add(publish(contentForm('patient-visit-report')));
  const institutions = new FakeInstitutions()
    .add('clinic-a')
    .add('clinic-b')
    .add('clinic-pending', 'pending');
  const audit = new RecordingAudit();
  const repository = new InMemorySubmissionRepository(audit);
  const files = new RecordingFileReferences();
  const { cipher, blindIndex } = testCrypto();
  const personalValues = new PersonalValues(cipher, blindIndex);
  const submissionAudit = new SubmissionAudit(audit);
  const service = new SubmissionsService(
    registry,
    new RecentInstitutions(institutions),
    repository,
    new SubmissionPreparation(personalValues, files),
    personalValues,
    new IdempotentExecution(repository, timing),
    submissionAudit,
  );
  const reader = new SubmissionReader(repository, registry, personalValues, submissionAudit);
  const search = new PatientSearch(repository, reader, personalValues, submissionAudit);
  const patients = new FakePatients();
  const workflow = new WorkflowSubmissions(
    repository,
    reader,
    patients,
    submissionAudit,
    new SystemClock(),
  );
  return {
    service,
    reader,
    search,
    workflow,
    patients,
    repository,
    registry,
    institutions,
    audit,
    files,
    cipher,
    blindIndex,
  };
}

/** A create command for the visit report with a fresh idempotency key and request hash. */
export function createCommand(
  values: Record<string, unknown>,
  extra: Partial<CreateSubmissionCommand> = {},
): CreateSubmissionCommand {
  return {
    formKey: 'patient-visit-report',
    values,
    idempotencyKey: `key-${randomUUID()}`,
    requestHash: randomUUID(),
    ...extra,
  };
}

/** How a call was refused: status, error code and the paths named; fails if it was not. */
export async function refusal(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; paths: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.getStatus(), code: error.code, paths: error.details.map((d) => d.path) };
  }
  throw new Error('accepted');
}

/** A stored report as the repository keeps it (no personal values), for repository-level tests. */
export function storedSubmission(overrides: Partial<StoredSubmission> = {}): StoredSubmission {
  const now = new Date();
  return {
    id: newTimeOrderedId(),
    formKey: 'patient-visit-report',
    formVersion: 1,
    status: 'reported',
    revision: 1,
    values: { temperature: 36.5 },
    blind: { idNumber: [], phone: ['tok-phone'], name: [] },
    outcome: {
      valid: true,
      warnings: [],
      effects: { visible: {}, required: {}, readonly: {} },
      derived: { fever: false },
      issues: [],
    },
    parameters: { feverThreshold: 37.3 },
    dictionaryVersions: {},
    reporter: { userId: 'u1', displayName: 'U' },
    prefilledBy: null,
    institutionId: 'clinic-a',
    regionPath: ['440000', '441900', '441900003'],
    patientIds: [],
    createdAt: now,
    updatedAt: now,
    reportedAt: now,
    ...overrides,
  };
}
