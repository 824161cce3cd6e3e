import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { dataScopeOf, scopeFilter, type Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { AuditLog } from '../../audit';
import { CallerInstitution, type ActingInstitution } from '../clinics/caller-institution';
import {
  DOCTOR_QUALIFICATION_MODEL,
  type DoctorQualificationRecord,
} from '../qualifications/doctor-qualification.schema';
import { duplicateKeyField } from '../shared/duplicate-key';
import { mergePatch } from '../shared/merge-patch';
import { pageWindow, type Page } from '../shared/pagination';
import { PublishedForms } from '../shared/published-forms';
import { parseRecordId, recordNotFound } from '../shared/record-id';
import { STAFF_MODEL, type StaffRecord } from '../staff/staff.schema';
import type { DepartmentListQueryDto } from './department.dto';
import {
  DEPARTMENT_MODEL,
  departmentFormValues,
  departmentView,
  type DepartmentRecord,
  type DepartmentView,
} from './department.schema';

export const DEPARTMENT_FORM = 'department';
const DEPARTMENT = { zh: '科室', en: 'Department' };

function codeTaken(code: string): ApiError {
  return ApiError.single(409, 'DEPARTMENT_CODE_TAKEN', '/departmentCode', {
    zh: `科室编码 ${code} 已存在`,
    en: `Department code ${code} is already used in this institution`,
  });
}

/**
 * Departments of the caller's institution. A department that staff or qualifications refer to
 * is never deleted or renumbered (409): it is disabled instead, so old records keep meaning.
 */
@Injectable()
export class DepartmentsService {
  constructor(
    @InjectModel(DEPARTMENT_MODEL) private readonly departments: Model<DepartmentRecord>,
    @InjectModel(STAFF_MODEL) private readonly staff: Model<StaffRecord>,
    @InjectModel(DOCTOR_QUALIFICATION_MODEL)
    private readonly qualifications: Model<DoctorQualificationRecord>,
    private readonly callerInstitution: CallerInstitution,
    private readonly forms: PublishedForms,
    private readonly audit: AuditLog,
  ) {}

  async create(principal: Principal, body: unknown): Promise<DepartmentView> {
    const institution = await this.callerInstitution.of(principal);
    const { form, values } = await this.forms.accept(DEPARTMENT_FORM, body);
    const code = String(values['departmentCode']);
    let record: DepartmentRecord;
    try {
      const created = await this.departments.create({
        institutionId: institution.id,
        regionPath: [...institution.regionPath],
        code,
        name: String(values['departmentName']),
        medicalSubject:
          typeof values['medicalSubject'] === 'string' ? values['medicalSubject'] : null,
        enabled: values['enabled'] === true,
        formVersion: form.version,
      });
      record = created.toObject();
    } catch (error) {
      if (duplicateKeyField(error, ['code']) !== null) throw codeTaken(code);
      throw error;
    }
    await this.audited(principal, 'create', record, { code });
    return departmentView(record);
  }

  async list(principal: Principal, query: DepartmentListQueryDto): Promise<Page<DepartmentView>> {
    const conditions: QueryFilter<DepartmentRecord>[] = [scopeFilter(dataScopeOf(principal))];
    if (query.institutionId !== undefined) conditions.push({ institutionId: query.institutionId });
    if (query.enabled !== undefined) conditions.push({ enabled: query.enabled === 'true' });
    const filter = { $and: conditions };
    const { page, pageSize, skip } = pageWindow(query);
    const [records, total] = await Promise.all([
      this.departments
        .find(filter)
        .sort({ institutionId: 1, code: 1 })
        .skip(skip)
        .limit(pageSize)
        .lean(),
      this.departments.countDocuments(filter),
    ]);
    return { items: records.map(departmentView), total, page, pageSize };
  }

  async get(principal: Principal, id: string): Promise<DepartmentView> {
    return departmentView(await this.findInScope(principal, id));
  }

  /** A merge patch over the department's form values, validated whole by the form. */
  async update(principal: Principal, id: string, patch: unknown): Promise<DepartmentView> {
    const institution = await this.callerInstitution.of(principal);
    const current = await this.findOwn(institution, id);
    const { form, values } = await this.forms.accept(
      DEPARTMENT_FORM,
      mergePatch(departmentFormValues(current), patch),
    );
    const code = String(values['departmentCode']);
    if (code !== current.code && (await this.inUse(current)) > 0) {
      throw ApiError.single(409, 'DEPARTMENT_IN_USE', '/departmentCode', {
        zh: '科室已被员工或医师资质引用，不能修改编码',
        en: 'Staff or qualifications refer to this department; its code cannot change',
      });
    }
    let updated: DepartmentRecord | null;
    try {
      updated = await this.departments
        .findOneAndUpdate(
          { _id: current._id, institutionId: institution.id },
          {
            $set: {
              code,
              name: String(values['departmentName']),
              medicalSubject:
                typeof values['medicalSubject'] === 'string' ? values['medicalSubject'] : null,
              enabled: values['enabled'] === true,
              formVersion: form.version,
            },
          },
          { returnDocument: 'after' },
        )
        .lean();
    } catch (error) {
      if (duplicateKeyField(error, ['code']) !== null) throw codeTaken(code);
      throw error;
    }
    if (updated === null) throw recordNotFound(DEPARTMENT);
    await this.audited(principal, 'update', updated, { code, enabled: updated.enabled });
    return departmentView(updated);
  }

  /** Deletes an unused department; one still referred to answers 409 (disable it instead). */
  async remove(principal: Principal, id: string): Promise<void> {
    const institution = await this.callerInstitution.of(principal);
    const current = await this.findOwn(institution, id);
    if ((await this.inUse(current)) > 0) {
      throw ApiError.single(409, 'DEPARTMENT_IN_USE', '', {
        zh: '科室已被员工或医师资质引用，不能删除，请改为停用',
        en: 'Staff or qualifications refer to this department; disable it instead of deleting it',
      });
    }
    await this.departments.deleteOne({ _id: current._id, institutionId: institution.id });
    await this.audited(principal, 'delete', current, { code: current.code });
  }

  /**
   * For staff and qualification forms: the department must exist in the institution and be
   * enabled, else 422 at `path`.
   */
  async requireEnabled(institutionId: string, code: string, path: string): Promise<void> {
    const department = await this.departments
      .findOne({ institutionId, code }, { enabled: 1 })
      .lean();
    if (department === null) {
      throw ApiError.single(422, 'DEPARTMENT_UNKNOWN', path, {
        zh: `本机构没有编码为 ${code} 的科室`,
        en: `There is no department ${code} in this institution`,
      });
    }
    if (!department.enabled) {
      throw ApiError.single(422, 'DEPARTMENT_DISABLED', path, {
        zh: `科室 ${code} 已停用`,
        en: `Department ${code} is disabled`,
      });
    }
  }

  private async inUse(department: DepartmentRecord): Promise<number> {
    const filter = { institutionId: department.institutionId, departmentCode: department.code };
    const [staff, qualifications] = await Promise.all([
      this.staff.countDocuments(filter),
      this.qualifications.countDocuments(filter),
    ]);
    return staff + qualifications;
  }

  private async findInScope(principal: Principal, id: string): Promise<DepartmentRecord> {
    const objectId = parseRecordId(id);
    const record =
      objectId === null
        ? null
        : await this.departments
            .findOne({ $and: [{ _id: objectId }, scopeFilter(dataScopeOf(principal))] })
            .lean();
    if (record === null) throw recordNotFound(DEPARTMENT);
    return record;
  }

  private async findOwn(institution: ActingInstitution, id: string): Promise<DepartmentRecord> {
    const objectId = parseRecordId(id);
    const record =
      objectId === null
        ? null
        : await this.departments.findOne({ _id: objectId, institutionId: institution.id }).lean();
    if (record === null) throw recordNotFound(DEPARTMENT);
    return record;
  }

  private audited(
    principal: Principal,
    action: 'create' | 'update' | 'delete',
    record: DepartmentRecord,
    details: Readonly<Record<string, string | boolean>>,
  ): Promise<void> {
    return this.audit.append({
      action,
      actor: principal.userId,
      resource: 'departments',
      resourceId: record._id.toHexString(),
      details: { institutionId: record.institutionId, ...details },
    });
  }
}
