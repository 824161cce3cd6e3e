import { Injectable } from '@nestjs/common';
import { validate, type SubmissionIssue } from '@sentinel/definitions';
import type { Principal } from '../../common/auth';
import { FileReferences } from '../files';
import type { PublishedForm } from '../registry';
import { acceptedIssues } from './acceptance';
import { formAnatomy } from './form-anatomy';
import { PersonalValues, SUBMISSIONS_COLLECTION } from '../personal-data';
import { collectFileValues, findUnsafeKey } from './stored-values';
import type { BlindTokens, SubmissionOutcome, SubmissionStatus } from './submission.types';
import { SubmissionErrors } from './submission-errors';

/** What one submission becomes before it is stored: protected values and the recorded outcome. */
export interface PreparedSubmission {
  readonly values: Record<string, unknown>;
  readonly blind: BlindTokens;
  readonly outcome: SubmissionOutcome;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly dictionaryVersions: Readonly<Record<string, number>>;
}

/** The record the files will be scoped by. */
export interface PreparationTarget {
  readonly id: string;
  readonly status: SubmissionStatus;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  readonly patientIds: readonly string[];
}

/**
 * Validates values against the pinned form version, decides whether the status asked for may
 * be stored, binds referenced files to the record and encrypts personal values. Shared by
 * creating and updating, so both store exactly the same things.
 */
@Injectable()
export class SubmissionPreparation {
  constructor(
    private readonly personalValues: PersonalValues,
    private readonly files: FileReferences,
  ) {}

  async prepare(
    principal: Principal,
    published: PublishedForm,
    values: Readonly<Record<string, unknown>>,
    target: PreparationTarget,
    now: Date,
  ): Promise<PreparedSubmission> {
    const unsafe = findUnsafeKey(values, '/values');
    if (unsafe !== null) throw SubmissionErrors.unsafeKey(unsafe);
    const result = validate(published.compiled, values, { now, parameters: published.parameters });
    const issues: readonly SubmissionIssue[] = acceptedIssues(result, target.status);
    const anatomy = formAnatomy(published.definition);

    const fileValues = collectFileValues(result.values, anatomy);
    if (fileValues.length > 0) {
      await this.files.attach(principal, fileValues, {
        collection: SUBMISSIONS_COLLECTION,
        id: target.id,
        institutionId: target.institutionId,
        regionPath: target.regionPath,
        patientIds: target.patientIds,
      });
    }
    const protectedValues = this.personalValues.protect(result.values, anatomy, target.id);
    return {
      values: protectedValues.values,
      blind: protectedValues.blind,
      outcome: {
        valid: result.valid,
        warnings: result.warnings,
        effects: result.effects,
        derived: result.derived,
        issues,
      },
      parameters: published.parameters,
      dictionaryVersions: { ...published.dictionaryVersions },
    };
  }
}
