import { Injectable } from '@nestjs/common';
import { validate, type ValidationResult } from '@sentinel/definitions';
import { ApiError } from '../../../common/errors';
import { DefinitionRegistry, type PublishedForm, submissionRejected } from '../../registry';

/** A submission the published form accepted: the version it was checked against and the values to store. */
export interface AcceptedValues {
  readonly form: PublishedForm;
  readonly result: ValidationResult;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Identity data (clinics, departments, staff, qualifications, patients) is entered through
 * published forms, so what is required and allowed changes with a publication, not a deploy.
 * This is the one place those bodies are checked, with the same evaluator as every client.
 */
@Injectable()
export class PublishedForms {
  constructor(private readonly registry: DefinitionRegistry) {}

  /** The version in force; 503 when the content was never published (a deployment problem). */
  async current(key: string): Promise<PublishedForm> {
    const form = await this.registry.currentForm(key);
    if (form === null) {
      throw ApiError.single(503, 'FORM_NOT_PUBLISHED', '', {
        zh: `表单 ${key} 尚未发布，请联系管理员`,
        en: `Form ${key} has not been published; contact the administrator`,
      });
    }
    return form;
  }

  /** The version a record was stored under, to open it with the fields it was written with. */
  async version(key: string, version: number): Promise<PublishedForm> {
    const form = await this.registry.formVersion(key, version);
    if (form === null) {
      throw ApiError.single(500, 'FORM_VERSION_MISSING', '', {
        zh: `表单 ${key} 第 ${version} 版缺失`,
        en: `Form ${key} version ${version} is missing`,
      });
    }
    return form;
  }

  /** Validates without throwing, for callers that reinterpret some issues (updates). */
  run(form: PublishedForm, values: unknown, now = new Date()): ValidationResult {
    return validate(form.compiled, values, { now, parameters: form.parameters });
  }

  /**
   * Validates `values` against the current version of `key`.
   * @param bodyPrefix where the values sit in the request body, for error paths (`/values`).
   * @throws ApiError 422 listing every issue with its path.
   */
  async accept(key: string, values: unknown, bodyPrefix = ''): Promise<AcceptedValues> {
    const form = await this.current(key);
    const result = this.run(form, values);
    if (!result.valid) throw submissionRejected(result, bodyPrefix);
    return { form, result, values: result.values };
  }
}
