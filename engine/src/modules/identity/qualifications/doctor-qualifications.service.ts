import { Injectable } from '@nestjs/common';
import type { CompiledForm } from '@sentinel/definitions';
import { dataScopeOf, hasPermission, type Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { appendPointer } from '../../../common/input';
import { AuditLog } from '../../audit';
import { FileReferences, type FileFieldValue } from '../../files';
import { CallerInstitution, type ActingInstitution } from '../clinics/caller-institution';
import { DepartmentsService } from '../departments/departments.service';
import type { PersonalListQueryDto } from '../shared/list-queries';
import { mergePatch } from '../shared/merge-patch';
import { pageWindow, type Page } from '../shared/pagination';
import { PersonalFields, type IntegrityNote, type Reveal } from '../../personal-data';
import { PublishedForms } from '../shared/published-forms';
import { recordNotFound } from '../shared/record-id';
import { auditPersonalRead, revealFor, type RevealQueryDto } from '../shared/reveal';
import { DoctorQualificationStore, type DoctorQualification } from './doctor-qualification-store';

export const DOCTOR_QUALIFICATION_FORM = 'doctor-qualification';
const COLLECTION = 'doctor_qualifications';
const QUALIFICATION = { zh: '医师资质', en: 'Doctor qualification' };

/** A qualification as answers show it: the form's values, personal ones masked by default. */
export interface DoctorQualificationView {
  readonly id: string;
  readonly institutionId: string;
  readonly staffId: string | null;
  readonly values: Readonly<Record<string, unknown>>;
  readonly formVersion: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly integrity?: readonly IntegrityNote[];
}

/** The file fields of a form with the ids a submission holds, for `FileReferences.attach`. */
function fileFieldValues(
  compiled: CompiledForm,
  values: Readonly<Record<string, unknown>>,
): FileFieldValue[] {
  return compiled.fields.flatMap((f) =>
    f.field.type === 'file' && Array.isArray(values[f.key])
      ? [{ path: appendPointer('', f.key), field: f.field, fileIds: values[f.key] as string[] }]
      : [],
  );
}

/**
 * Doctors' qualifications (医师资质). Certificate photos are ids from `POST /api/files`; attaching
 * them to the record makes downloads check this record's scope.
 */
@Injectable()
export class DoctorQualificationsService {
  constructor(
    private readonly qualifications: DoctorQualificationStore,
    private readonly callerInstitution: CallerInstitution,
    private readonly departments: DepartmentsService,
    private readonly forms: PublishedForms,
    private readonly personal: PersonalFields,
    private readonly files: FileReferences,
    private readonly audit: AuditLog,
  ) {}

  async create(principal: Principal, body: unknown): Promise<DoctorQualificationView> {
    const institution = await this.callerInstitution.of(principal);
    const { form, values } = await this.forms.accept(DOCTOR_QUALIFICATION_FORM, body);
    const departmentCode = String(values['departmentCode']);
    await this.departments.requireEnabled(institution.id, departmentCode, '/departmentCode');
    const id = this.qualifications.newId();
    await this.files.attach(
      principal,
      fileFieldValues(form.compiled, values),
      this.reference(id, institution),
    );
    const idNumberIndex = this.personal.token('idNumber', String(values['idNumber']));
    const record = await this.qualifications.insert({
      id,
      institutionId: institution.id,
      regionPath: [...institution.regionPath],
      values: this.personal.sealForm(form.compiled, values, this.location(id)),
      departmentCode,
      idNumberIndex,
      staffId: await this.qualifications.matchingStaffId(institution.id, idNumberIndex),
      createdBy: principal.userId,
      formVersion: form.version,
    });
    await this.audited(principal, 'create', record);
    return this.view(record, 'masked', principal.userId);
  }

  async list(
    principal: Principal,
    query: PersonalListQueryDto,
  ): Promise<Page<DoctorQualificationView>> {
    const reveal = revealFor(principal, query);
    const { page, pageSize, skip } = pageWindow(query);
    const { items: records, total } = await this.qualifications.list({
      scope: dataScopeOf(principal),
      ...(query.institutionId !== undefined ? { institutionId: query.institutionId } : {}),
      skip,
      limit: pageSize,
    });
    const items: DoctorQualificationView[] = [];
    for (const record of records) items.push(await this.view(record, reveal, principal.userId));
    await auditPersonalRead(this.audit, principal, reveal, COLLECTION, undefined, items.length);
    return { items, total, page, pageSize };
  }

  async get(
    principal: Principal,
    id: string,
    query: RevealQueryDto,
  ): Promise<DoctorQualificationView> {
    const reveal = revealFor(principal, query);
    const record = await this.qualifications.findInScope(id, dataScopeOf(principal));
    if (record === null) throw recordNotFound(QUALIFICATION);
    const view = await this.view(record, reveal, principal.userId);
    await auditPersonalRead(this.audit, principal, reveal, COLLECTION, id, 1);
    return view;
  }

  /**
   * A merge patch over the stored values, validated whole by the current form. A doctor may
   * change only the qualifications they entered; an administrator any of the clinic's.
   */
  async update(principal: Principal, id: string, patch: unknown): Promise<DoctorQualificationView> {
    const institution = await this.callerInstitution.of(principal);
    const current = await this.qualifications.findOwn(id, institution.id);
    if (current === null) throw recordNotFound(QUALIFICATION);
    if (!hasPermission(principal, 'institution:manage') && current.createdBy !== principal.userId) {
      throw ApiError.single(403, 'NOT_YOUR_QUALIFICATION', '', {
        zh: '只能修改自己录入的医师资质',
        en: 'You may change only the qualifications you entered',
      });
    }
    const stored = await this.forms.version(DOCTOR_QUALIFICATION_FORM, current.formVersion);
    const opened = await this.personal.openForm(
      stored.compiled,
      current.values,
      this.location(current.id),
      'clear',
      principal.userId,
    );
    const { form, values } = await this.forms.accept(
      DOCTOR_QUALIFICATION_FORM,
      mergePatch(opened.values, patch),
    );
    const departmentCode = String(values['departmentCode']);
    if (departmentCode !== current.departmentCode)
      await this.departments.requireEnabled(institution.id, departmentCode, '/departmentCode');
    await this.files.attach(
      principal,
      fileFieldValues(form.compiled, values),
      this.reference(current.id, institution),
    );
    const idNumberIndex = this.personal.token('idNumber', String(values['idNumber']));
    const updated = await this.qualifications.update(current.id, institution.id, {
      values: this.personal.sealForm(form.compiled, values, this.location(current.id)),
      departmentCode,
      idNumberIndex,
      staffId: await this.qualifications.matchingStaffId(institution.id, idNumberIndex),
      formVersion: form.version,
    });
    if (updated === null) throw recordNotFound(QUALIFICATION);
    await this.audited(principal, 'update', updated);
    return this.view(updated, 'masked', principal.userId);
  }

  private async view(
    record: DoctorQualification,
    reveal: Reveal,
    actor: string,
  ): Promise<DoctorQualificationView> {
    const form = await this.forms.version(DOCTOR_QUALIFICATION_FORM, record.formVersion);
    const opened = await this.personal.openForm(
      form.compiled,
      record.values,
      this.location(record.id),
      reveal,
      actor,
    );
    return {
      id: record.id,
      institutionId: record.institutionId,
      staffId: record.staffId,
      values: opened.values,
      formVersion: record.formVersion,
      createdBy: record.createdBy,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      ...(opened.integrity.length > 0 ? { integrity: opened.integrity } : {}),
    };
  }

  private location(id: string) {
    return { collection: COLLECTION, documentId: id, pointer: '/values' };
  }

  private reference(id: string, institution: ActingInstitution) {
    return {
      collection: COLLECTION,
      id,
      institutionId: institution.id,
      regionPath: institution.regionPath,
    };
  }

  private audited(
    principal: Principal,
    action: 'create' | 'update',
    record: DoctorQualification,
  ): Promise<void> {
    return this.audit.append({
      action,
      actor: principal.userId,
      resource: COLLECTION,
      resourceId: record.id,
      details: { institutionId: record.institutionId, formVersion: record.formVersion },
    });
  }
}
