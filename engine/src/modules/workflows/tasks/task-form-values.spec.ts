import { compileForm, indexDictionaries, type FormDefinition } from '@sentinel/definitions';
import { permissionsOf, type Principal } from '../../../common/auth';
import type { ApiError } from '../../../common/errors';
import {
  FileReferences,
  type FileFieldValue,
  type ReferencingRecord,
} from '../../files/file-references';
import {
  DefinitionRegistry,
  type PublishedDictionary,
  type PublishedForm,
} from '../../registry/definition-registry';
import { TaskFormValues } from './task-form-values';
import type { WorkflowTask } from './workflow-task';

const FEEDBACK: FormDefinition = {
  kind: 'form',
  key: 'visit-feedback',
  version: 2,
  title: { zh: '反馈', en: 'Feedback' },
  items: [
    { kind: 'field', key: 'score', type: 'integer', title: { zh: '评分', en: 'Score' }, max: 5 },
    { kind: 'field', key: 'photos', type: 'file', title: { zh: '照片', en: 'Photos' } },
    {
      kind: 'repeat',
      key: 'contacts',
      title: { zh: '联系人', en: 'Contacts' },
      children: [
        { kind: 'field', key: 'role', type: 'text', title: { zh: '角色', en: 'Role' } },
        {
          kind: 'field',
          key: 'name',
          type: 'text',
          personal: 'name',
          title: { zh: '姓名', en: 'Name' },
        },
      ],
    },
  ],
} as FormDefinition;

class OneFormRegistry extends DefinitionRegistry {
  readonly asked: string[] = [];
  constructor(private readonly form: PublishedForm) {
    super();
  }
  currentForm(key: string): Promise<PublishedForm | null> {
    this.asked.push(`${key}@current`);
    return Promise.resolve(key === this.form.key ? this.form : null);
  }
  formVersion(key: string, version: number): Promise<PublishedForm | null> {
    this.asked.push(`${key}@${String(version)}`);
    return Promise.resolve(
      key === this.form.key && version === this.form.version ? this.form : null,
    );
  }
  currentDictionary(): Promise<PublishedDictionary | null> {
    return Promise.resolve(null);
  }
}

class RecordingFiles extends FileReferences {
  readonly calls: { values: readonly FileFieldValue[]; record: ReferencingRecord }[] = [];
  attach(_: Principal, values: readonly FileFieldValue[], record: ReferencingRecord) {
    this.calls.push({ values, record });
    return Promise.resolve();
  }
}

const handler: Principal = {
  userId: 'u1',
  username: 'u1',
  displayName: '处理人',
  roles: ['epidemic_handler'],
  permissions: permissionsOf(['epidemic_handler']),
  regionCode: '441900003',
};

function taskWith(formKey: string | null, formVersion: number | null = null) {
  return {
    id: '65f000000000000000000001',
    formKey,
    formVersion,
    institutionId: 'clinic-a',
    regionPath: ['440000', '441900', '441900003'],
  } satisfies Partial<WorkflowTask>;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('task form values', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  let registry: OneFormRegistry;
  let files: RecordingFiles;
  let sut: TaskFormValues;

  beforeEach(() => {
    registry = new OneFormRegistry({
      key: FEEDBACK.key,
      version: FEEDBACK.version,
      definition: FEEDBACK,
      compiled: compileForm(FEEDBACK, indexDictionaries([])),
      parameters: {},
      publishedAt: now,
      effectiveFrom: now,
      publishedBy: 'test',
      dictionaryVersions: {},
      checksum: 'x',
    });
    files = new RecordingFiles();
    sut = new TaskFormValues(registry, files);
  });

  it('given a task without a form, when values are sent, then 422 TASK_TAKES_NO_VALUES; without values, no variables', async () => {
    expect((await refusal(sut.check(handler, taskWith(null), { a: 1 }, now))).code).toBe(
      'TASK_TAKES_NO_VALUES',
    );
    await expect(sut.check(handler, taskWith(null), undefined, now)).resolves.toEqual({});
  });

  it('given valid values with a file, when checked, then they become variables and the files are bound to the task', async () => {
    const variables = await sut.check(
      handler,
      taskWith('visit-feedback'),
      { score: 4, photos: ['65f0000000000000000000f1'], contacts: [{ role: '家属' }] },
      now,
    );

    expect(variables).toEqual({
      score: 4,
      photos: ['65f0000000000000000000f1'],
      contacts: [{ role: '家属' }],
    });
    expect(files.calls).toEqual([
      {
        values: [
          expect.objectContaining({
            path: '/values/photos',
            fileIds: ['65f0000000000000000000f1'],
          }),
        ],
        record: {
          collection: 'workflow_tasks',
          id: '65f000000000000000000001',
          institutionId: 'clinic-a',
          regionPath: ['440000', '441900', '441900003'],
        },
      },
    ]);
  });

  it('given a personal value inside a repeat, when checked, then 422 names its path and nothing is validated further', async () => {
    const error = await refusal(
      sut.check(
        handler,
        taskWith('visit-feedback'),
        { contacts: [{ role: 'x' }, { name: '陈' }] },
        now,
      ),
    );

    expect(error.code).toBe('PERSONAL_VALUE_REFUSED');
    expect(error.details[0]?.path).toBe('/values/contacts/1/name');
    expect(files.calls).toEqual([]);
  });

  it('given invalid values, when checked, then 422 lists every issue under /values with both languages', async () => {
    const error = await refusal(
      sut.check(handler, taskWith('visit-feedback'), { score: 9, extra: true }, now),
    );

    expect(error.code).toBe('TASK_VALUES_INVALID');
    expect(error.details.map((d) => d.path).sort()).toEqual(['/values/extra', '/values/score']);
    expect(error.details[0]?.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });

  it('given a pinned form version, when checked, then that version is read; a missing form is 409', async () => {
    await sut.check(handler, taskWith('visit-feedback', 2), { score: 1 }, now);
    expect(registry.asked).toEqual(['visit-feedback@2']);
    expect((await refusal(sut.check(handler, taskWith('visit-feedback', 1), {}, now))).code).toBe(
      'TASK_FORM_UNAVAILABLE',
    );
  });
});
