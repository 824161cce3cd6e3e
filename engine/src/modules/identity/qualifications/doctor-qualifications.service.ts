import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CompiledForm } from '@sentinel/definitions';
import { Types, type Model, type QueryFilter } from 'mongoose';
import { dataScopeOf, hasPermission, scopeFilter, type Principal } from '../../../common/auth';
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
import { parseRecordId, recordNotFound } from '../shared/record-id';
import { auditPersonalRead, revealFor, type RevealQueryDto } from '../shared/reveal';
import { STAFF_MODEL, type StaffRecord } from '../staff/staff.schema';
import {
  DOCTOR_QUALIFICATION_MODEL,
  type DoctorQualificationRecord,
} from './doctor-qualification.schema';

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
    @InjectModel(DOCTOR_QUALIFICATION_MODEL)
    private readonly qualifications: Model<DoctorQualificationRecord>,
    @InjectModel(STAFF_MODEL) private readonly staff: Model<StaffRecord>,
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
    const id = new Types.ObjectId();
    await this.files.attach(
      principal,
      fileFieldValues(form.compiled, values),
      this.reference(id, institution),
    );
    const idNumberIndex = this.personal.token('idNumber', String(values['idNumber']));
    const created = await this.qualifications.create({
      _id: id,
      institutionId: institution.id,
      regionPath: [...institution.regionPath],
      values: this.personal.sealForm(form.compiled, values, this.location(id)),
      departmentCode,
      idNumberIndex,
      staffId: await this.matchingStaff(institution.id, idNumberIndex),
      createdBy: principal.userId,
      formVersion: form.version,
    });
    const record = created.toObject();
    await this.audited(principal, 'create', record);
    return this.view(record, 'masked', principal.userId);
  }

  async list(
    principal: Principal,
    query: PersonalListQueryDto,
  ): Promise<Page<DoctorQualificationView>> {
    const reveal = revealFor(principal, query);
    const conditions: QueryFilter<DoctorQualificationRecord>[] = [
      scopeFilter(dataScopeOf(principal)),
    ];
    if (query.institutionId !== undefined) conditions.push({ institutionId: query.institutionId });
    const filter = { $and: conditions };
    const { page, pageSize, skip } = pageWindow(query);
    const [records, total] = await Promise.all([
      this.qualifications
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(skip)
        .limit(pageSize)
        .lean(),
      this.qualifications.countDocuments(filter),
    ]);
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
    const objectId = parseRecordId(id);
    const record =
      objectId === null
        ? null
        : await this.qualifications
            .findOne({ $and: [{ _id: objectId }, scopeFilter(dataScopeOf(principal))] })
            .lean();
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
    const objectId = parseRecordId(id);
    const current =
      objectId === null
        ? null
        : await this.qualifications
            .findOne({ _id: objectId, institutionId: institution.id })
            .lean();
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
      this.location(current._id),
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
      this.reference(current._id, institution),
    );
    const idNumberIndex = this.personal.token('idNumber', String(values['idNumber']));
    const updated = await this.qualifications
      .findOneAndUpdate(
        { _id: current._id, institutionId: institution.id },
        {
          $set: {
            values: this.personal.sealForm(form.compiled, values, this.location(current._id)),
            departmentCode,
            idNumberIndex,
            staffId: await this.matchingStaff(institution.id, idNumberIndex),
            formVersion: form.version,
          },
        },
        { returnDocument: 'after' },
      )
      .lean();
    if (updated === null) throw recordNotFound(QUALIFICATION);
    await this.audited(principal, 'update', updated);
    return this.view(updated, 'masked', principal.userId);
  }

  private async view(
    record: DoctorQualificationRecord,
    reveal: Reveal,
    actor: string,
  ): Promise<DoctorQualificationView> {
    const form = await this.forms.version(DOCTOR_QUALIFICATION_FORM, record.formVersion);
    const opened = await this.personal.openForm(
      form.compiled,
      record.values,
      this.location(record._id),
      reveal,
      actor,
    );
    return {
      id: record._id.toHexString(),
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

  /** The clinic's staff profile of the same person, linked for convenience (null when none). */
  private async matchingStaff(
    institutionId: string,
    idNumberIndex: string,
  ): Promise<string | null> {
    const match = await this.staff.findOne({ institutionId, idNumberIndex }, { _id: 1 }).lean();
    return match === null ? null : match._id.toHexString();
  }

  private location(id: Types.ObjectId) {
    return { collection: COLLECTION, documentId: id.toHexString(), pointer: '/values' };
  }

  private reference(id: Types.ObjectId, institution: ActingInstitution) {
    return {
      collection: COLLECTION,
      id: id.toHexString(),
      institutionId: institution.id,
      regionPath: institution.regionPath,
    };
  }

  private audited(
    principal: Principal,
    action: 'create' | 'update',
    record: DoctorQualificationRecord,
  ): Promise<void> {
    return this.audit.append({
      action,
      actor: principal.userId,
      resource: COLLECTION,
      resourceId: record._id.toHexString(),
      details: { institutionId: record.institutionId, formVersion: record.formVersion },
    });
  }
}
