import { Injectable } from '@nestjs/common';
import { dataScopeOf, hasPermission } from '../../common/auth';
import { maskPersonal } from '../../crypto';
import { DefinitionRegistry } from '../registry';
import { formAnatomy, type FormAnatomy } from './form-anatomy';
import { PersonalValues, type Presentation } from '../personal-data';
import { SubmissionRepository } from './submission.repository';
import type { StoredSubmission } from './submission.types';
import { SubmissionErrors } from './submission-errors';
import { isSubmissionId } from './submission-id';
import type { ListParameters } from './submission-list-query';
import { submissionView, type SubmissionView } from './submission-view';
import { SubmissionAudit, type Caller } from './submission-audit';

export interface SubmissionListPage {
  readonly items: readonly SubmissionView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

const MASKED: Presentation = { mask: maskPersonal };

/**
 * Reads reports within the caller's data scope: decrypts personal values, masks them unless
 * an unmasked read was asked for and is allowed, and audits every read of personal data, every
 * unmasking and every value that failed its integrity check.
 */
@Injectable()
export class SubmissionReader {
  constructor(
    private readonly repository: SubmissionRepository,
    private readonly registry: DefinitionRegistry,
    private readonly personalValues: PersonalValues,
    private readonly audit: SubmissionAudit,
  ) {}

  async get(caller: Caller, id: string, unmask: boolean): Promise<SubmissionView> {
    this.assertMayUnmask(caller, unmask);
    const stored = isSubmissionId(id)
      ? await this.repository.findById(id, dataScopeOf(caller.principal))
      : null;
    // Unknown and out-of-scope look the same: a guessed id reveals nothing (SECURITY.md 16).
    if (stored === null) throw SubmissionErrors.submissionNotFound();
    const view = await this.present(caller, stored, unmask);
    await this.audit.read(caller, unmask, stored.id, {
      formKey: stored.formKey,
      formVersion: stored.formVersion,
    });
    return view;
  }

  async list(caller: Caller, parameters: ListParameters): Promise<SubmissionListPage> {
    this.assertMayUnmask(caller, parameters.unmask);
    const page = await this.repository.list({
      scope: dataScopeOf(caller.principal),
      formKey: parameters.formKey,
      statuses: parameters.statuses,
      from: parameters.from,
      until: parameters.until,
      reporterId: parameters.reporterId,
      flag: parameters.flag,
      skip: (parameters.page - 1) * parameters.pageSize,
      limit: parameters.pageSize,
    });
    const items: SubmissionView[] = [];
    for (const stored of page.items)
      items.push(await this.present(caller, stored, parameters.unmask));
    if (items.length > 0) {
      await this.audit.read(caller, parameters.unmask, undefined, {
        list: true,
        count: items.length,
      });
    }
    return { items, total: page.total, page: parameters.page, pageSize: parameters.pageSize };
  }

  /** Decrypts one report and masks it as asked; a failed integrity check is audited per value. */
  async present(
    caller: Caller,
    stored: StoredSubmission,
    unmask: boolean,
  ): Promise<SubmissionView> {
    const anatomy = await this.anatomyOf(stored);
    const revealed = this.personalValues.reveal(
      stored.values,
      anatomy,
      stored.id,
      unmask ? 'clear' : MASKED,
    );
    await this.audit.tampering(caller, stored.id, revealed.integrity);
    return submissionView(stored, revealed, !unmask);
  }

  async anatomyOf(stored: StoredSubmission): Promise<FormAnatomy> {
    const published = await this.registry.formVersion(stored.formKey, stored.formVersion);
    // Published versions are immutable and never deleted; a missing one is a broken store.
    if (published === null) {
      throw new Error(
        `form ${stored.formKey} v${stored.formVersion} of submission ${stored.id} is missing`,
      );
    }
    return formAnatomy(published.definition);
  }

  private assertMayUnmask(caller: Caller, unmask: boolean): void {
    if (unmask && !hasPermission(caller.principal, 'personal-data:unmask')) {
      throw SubmissionErrors.unmaskForbidden();
    }
  }
}
