import { Injectable } from '@nestjs/common';
import { dataScopeOf, type Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { AuditLog } from '../../audit';
import { CallerInstitution, type ActingInstitution } from '../clinics/caller-institution';
import { mergePatch } from '../shared/merge-patch';
import { pageWindow, type Page } from '../shared/pagination';
import { PublishedForms } from '../shared/published-forms';
import { recordNotFound } from '../shared/record-id';
import type { DepartmentListQueryDto } from './department.dto';
import { departmentFormValues, departmentView, type DepartmentView } from './department.schema';
import {
  DepartmentCodeTakenError,
  DepartmentReferences,
  DepartmentStore,
  type Department,
  type DepartmentChanges,
} from './department-store';

export const DEPARTMENT_FORM = 'department';
const DEPARTMENT = { zh: '科室', en: 'Department' };

function codeTaken(code: string): ApiError {
  return ApiError.single(409, 'DEPARTMENT_CODE_TAKEN', '/departmentCode', {
    zh: `科室编码 ${code} 已存在`,
    en: `Department code ${code} is already used in this institution`,
  });
}

/** The department form's values as the stored fields they become. */
function changesFrom(
  values: Readonly<Record<string, unknown>>,
  formVersion: number,
): DepartmentChanges {
  return {
    code: String(values['departmentCode']),
    name: String(values['departmentName']),
    medicalSubject: typeof values['medicalSubject'] === 'string' ? values['medicalSubject'] : null,
    enabled: values['enabled'] === true,
    formVersion,
  };
}

/**
 * Departments of the caller's institution. A department that staff or qualifications refer to
 * is never deleted or renumbered (409): it is disabled instead, so old records keep meaning.
 */
@Injectable()
export class DepartmentsService {
  constructor(
    private readonly departments: DepartmentStore,
    private readonly references: DepartmentReferences,
    private readonly callerInstitution: CallerInstitution,
    private readonly forms: PublishedForms,
    private readonly audit: AuditLog,
  ) {}

  async create(principal: Principal, body: unknown): Promise<DepartmentView> {
    const institution = await this.callerInstitution.of(principal);
    const { form, values } = await this.forms.accept(DEPARTMENT_FORM, body);
    const changes = changesFrom(values, form.version);
    let record: Department;
    try {
      record = await this.departments.insert({
        institutionId: institution.id,
        regionPath: [...institution.regionPath],
        ...changes,
      });
    } catch (error) {
      if (error instanceof DepartmentCodeTakenError) throw codeTaken(changes.code);
      throw error;
    }
    await this.audited(principal, 'create', record, { code: changes.code });
    return departmentView(record);
  }

  async list(principal: Principal, query: DepartmentListQueryDto): Promise<Page<DepartmentView>> {
    const { page, pageSize, skip } = pageWindow(query);
    const { items, total } = await this.departments.list({
      scope: dataScopeOf(principal),
      ...(query.institutionId === undefined ? {} : { institutionId: query.institutionId }),
      ...(query.enabled === undefined ? {} : { enabled: query.enabled === 'true' }),
      skip,
      limit: pageSize,
    });
    return { items: items.map(departmentView), total, page, pageSize };
  }

  async get(principal: Principal, id: string): Promise<DepartmentView> {
    const record = await this.departments.findInScope(id, dataScopeOf(principal));
    if (record === null) throw recordNotFound(DEPARTMENT);
    return departmentView(record);
  }

  /** A merge patch over the department's form values, validated whole by the form. */
  async update(principal: Principal, id: string, patch: unknown): Promise<DepartmentView> {
    const institution = await this.callerInstitution.of(principal);
    const current = await this.findOwn(institution, id);
    const { form, values } = await this.forms.accept(
      DEPARTMENT_FORM,
      mergePatch(departmentFormValues(current), patch),
    );
    const changes = changesFrom(values, form.version);
    if (changes.code !== current.code && (await this.inUse(current)) > 0) {
      throw ApiError.single(409, 'DEPARTMENT_IN_USE', '/departmentCode', {
        zh: '科室已被员工或医师资质引用，不能修改编码',
        en: 'Staff or qualifications refer to this department; its code cannot change',
      });
    }
    let updated: Department | null;
    try {
      updated = await this.departments.update(current.id, institution.id, changes);
    } catch (error) {
      if (error instanceof DepartmentCodeTakenError) throw codeTaken(changes.code);
      throw error;
    }
    if (updated === null) throw recordNotFound(DEPARTMENT);
    await this.audited(principal, 'update', updated, {
      code: changes.code,
      enabled: updated.enabled,
    });
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
    await this.departments.remove(current.id, institution.id);
    await this.audited(principal, 'delete', current, { code: current.code });
  }

  /**
   * For staff and qualification forms: the department must exist in the institution and be
   * enabled, else 422 at `path`.
   */
  async requireEnabled(institutionId: string, code: string, path: string): Promise<void> {
    const department = await this.departments.findByCode(institutionId, code);
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

  private inUse(department: Department): Promise<number> {
    return this.references.count(department.institutionId, department.code);
  }

  private async findOwn(institution: ActingInstitution, id: string): Promise<Department> {
    const record = await this.departments.findOwn(id, institution.id);
    if (record === null) throw recordNotFound(DEPARTMENT);
    return record;
  }

  private audited(
    principal: Principal,
    action: 'create' | 'update' | 'delete',
    record: Department,
    details: Readonly<Record<string, string | boolean>>,
  ): Promise<void> {
    return this.audit.append({
      action,
      actor: principal.userId,
      resource: 'departments',
      resourceId: record.id,
      details: { institutionId: record.institutionId, ...details },
    });
  }
}
