import { Injectable } from '@nestjs/common';
import { validate } from '@sentinel/definitions';
import type { Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { appendPointer } from '../../../common/input';
import { FileReferences } from '../../files';
import { DefinitionRegistry, type PublishedForm } from '../../registry';
import { formAnatomy, type FormAnatomy, collectFileValues, findUnsafeKey } from '../../submissions';
import type { Variables } from '../runtime';
import { TaskErrors } from './task-errors';
import { TASKS_COLLECTION } from './task-models';
import type { WorkflowTask } from './workflow-task';

/** The first personal value in the body, as a pointer, or null. */
function personalPath(
  values: Readonly<Record<string, unknown>>,
  anatomy: FormAnatomy,
): string | null {
  for (const field of anatomy.personal) {
    if (field.repeat === null) {
      if (values[field.key] !== undefined) return appendPointer('/values', field.key);
      continue;
    }
    const rows = values[field.repeat];
    if (!Array.isArray(rows)) continue;
    const index = rows.findIndex(
      (row: unknown) =>
        typeof row === 'object' &&
        row !== null &&
        (row as Record<string, unknown>)[field.key] !== undefined,
    );
    if (index >= 0) {
      return appendPointer(appendPointer(appendPointer('/values', field.repeat), index), field.key);
    }
  }
  return null;
}

/**
 * Checks the values a task completion carries with the task's form (its pinned version, else the
 * one in force) and returns them as process variables. Personal fields are refused outright: the
 * deploy lint keeps them out of task forms, and process variables are stored unencrypted.
 */
@Injectable()
export class TaskFormValues {
  constructor(
    private readonly registry: DefinitionRegistry,
    private readonly files: FileReferences,
  ) {}

  async check(
    principal: Principal,
    task: Pick<WorkflowTask, 'id' | 'formKey' | 'formVersion' | 'institutionId' | 'regionPath'>,
    values: Readonly<Record<string, unknown>> | undefined,
    now: Date,
  ): Promise<Variables> {
    const given = values ?? {};
    if (task.formKey === null) {
      if (Object.keys(given).length > 0) throw TaskErrors.noValuesExpected();
      return {};
    }
    const unsafe = findUnsafeKey(given, '/values');
    if (unsafe !== null) {
      throw ApiError.single(400, 'UNSAFE_KEY', unsafe, {
        zh: `字段名不能以 $ 开头或包含 "."（${unsafe}）`,
        en: `Keys may not start with $ or contain "." (${unsafe})`,
      });
    }
    const form = await this.formOf(task.formKey, task.formVersion, now);
    const anatomy = formAnatomy(form.definition);
    const personal = personalPath(given, anatomy);
    if (personal !== null) throw TaskErrors.personalValue(personal);

    const result = validate(form.compiled, given, { now, parameters: form.parameters });
    if (!result.valid) {
      throw TaskErrors.valuesInvalid(
        result.errors.map((issue) => ({
          path: `/values${issue.path}`,
          code: issue.code,
          message: issue.message,
        })),
      );
    }
    const fileValues = collectFileValues(result.values, anatomy);
    if (fileValues.length > 0) {
      await this.files.attach(principal, fileValues, {
        collection: TASKS_COLLECTION,
        id: task.id,
        ...(task.institutionId === null ? {} : { institutionId: task.institutionId }),
        regionPath: task.regionPath,
      });
    }
    // Validated values are JSON already; the round trip drops anything that is not (undefined).
    return JSON.parse(JSON.stringify(result.values)) as Variables;
  }

  private async formOf(key: string, version: number | null, now: Date): Promise<PublishedForm> {
    const form =
      version === null
        ? await this.registry.currentForm(key, now)
        : await this.registry.formVersion(key, version);
    if (form === null) throw TaskErrors.formUnavailable(key);
    return form;
  }
}
