import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../database';
import { dataScopeOf, type ClinicRole, type Principal } from '../../../common/auth';
import { ApiError, type ErrorDetail } from '../../../common/errors';
import { maskPersonal } from '../../../crypto';
import { AuditLog } from '../../audit';
import { Accounts, type AccountView } from '../../auth';
import { submissionRejected } from '../../registry';
import { CallerInstitution, type ActingInstitution } from '../clinics/caller-institution';
import { DepartmentsService } from '../departments/departments.service';
import { auditAccountCreated } from '../shared/account-audit';
import { isPlainObject, bodyNotAnObject, mergePatch } from '../shared/merge-patch';
import { pageWindow, type Page } from '../shared/pagination';
import { PublishedForms } from '../shared/published-forms';
import { recordNotFound } from '../shared/record-id';
import { auditPersonalRead, type RevealQueryDto, revealFor } from '../shared/reveal';
import type { StaffListQueryDto } from './staff.dto';
import { StaffProtection } from './staff-protection';
import { accountRoleFor } from './staff-role-mapping';
import { StaffIdNumberTakenError, StaffStore, type StaffProfile } from './staff-store';
import type { StaffView } from './staff.views';

export const STAFF_FORM = 'staff';
const STAFF = { zh: '员工', en: 'Staff member' };

/**
 * Form fields that belong to the login account and change only through the auth module
 * (password reset, phone binding with an SMS code) or the enable/disable endpoints.
 */
const ACCOUNT_FIELDS = ['loginUsername', 'password', 'bindPhone', 'bindPhoneNumber', 'enabled'];

function alreadyStaff(): ApiError {
  return ApiError.single(409, 'STAFF_ALREADY_EXISTS', '/idNumber', {
    zh: '该证件号码的员工已存在',
    en: 'A staff member with this ID number already exists in the institution',
  });
}

/** Staff of the caller's institution: a profile plus a login account, created together. */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly callerInstitution: CallerInstitution,
    private readonly departments: DepartmentsService,
    private readonly forms: PublishedForms,
    private readonly protection: StaffProtection,
    private readonly accounts: Accounts,
    private readonly audit: AuditLog,
  ) {}

  /** Validates the `staff` form, then writes the profile and the account in one transaction. */
  async create(principal: Principal, body: unknown): Promise<StaffView> {
    const institution = await this.callerInstitution.of(principal);
    const { form, values } = await this.forms.accept(STAFF_FORM, body);
    const role = this.mappedRole(String(values['role']));
    await this.departments.requireEnabled(
      institution.id,
      String(values['departmentCode']),
      '/departmentCode',
    );
    const { record, account } = await this.insert(institution, values, role, form.version);
    await this.auditCreated(principal.userId, record, account);
    return this.protection.view(record, 'masked', principal.userId);
  }

  /**
   * Writes a staff profile and its account from values the staff form accepted, in one unit of
   * work (joining the caller's when there is one: the demo seeder's clinic).
   */
  async insert(
    institution: ActingInstitution,
    values: Readonly<Record<string, unknown>>,
    role: ClinicRole,
    formVersion: number,
  ): Promise<{ record: StaffProfile; account: AccountView }> {
    const id = this.staff.newId();
    const name = String(values['staffName']);
    const bindPhone = values['bindPhone'] === true;
    const phone =
      bindPhone && typeof values['bindPhoneNumber'] === 'string' ? values['bindPhoneNumber'] : null;
    const username = String(values['loginUsername']);
    const enabled = values['enabled'] === true;
    const write = async () => {
      const account = await this.accounts.create(
        {
          username,
          ...(phone === null ? {} : { phone }),
          password: String(values['password']),
          // The clear name is personal and stays encrypted in `staff`; accounts carry it masked.
          displayName: String(maskPersonal('name', name)),
          roles: [role],
          institutionId: institution.id,
          enabled,
        },
        {
          auditedByCaller: true,
          paths: { username: '/loginUsername', phone: '/bindPhoneNumber', password: '/password' },
        },
      );
      const record = await this.staff.insert({
        id,
        institutionId: institution.id,
        regionPath: [...institution.regionPath],
        userId: account.id,
        ...this.protection.seal(id, name, String(values['idNumber']), phone),
        gender: String(values['gender']),
        departmentCode: String(values['departmentCode']),
        position: String(values['position']),
        idType: String(values['idType']),
        bindPhone,
        usernameIndex: this.protection.usernameToken(username),
        role: String(values['role']),
        accountRole: role,
        enabled,
        formVersion,
      });
      return { record, account };
    };
    try {
      return await this.unitOfWork.run(write);
    } catch (error) {
      if (error instanceof StaffIdNumberTakenError) throw alreadyStaff();
      throw error;
    }
  }

  /** The audit rows of a committed staff creation (the account's and the profile's). */
  async auditCreated(actor: string, record: StaffProfile, account: AccountView): Promise<void> {
    await auditAccountCreated(this.audit, actor, account, 'staff');
    await this.audit.append({
      action: 'create',
      actor,
      resource: 'staff',
      resourceId: record.id,
      details: { institutionId: record.institutionId, role: record.role, userId: record.userId },
    });
  }

  /** True when a staff profile with this login name exists (the demo seeder's idempotence). */
  async existsWithUsername(username: string): Promise<boolean> {
    return this.staff.existsWithUsernameIndex(this.protection.usernameToken(username));
  }

  async list(principal: Principal, query: StaffListQueryDto): Promise<Page<StaffView>> {
    const reveal = revealFor(principal, query);
    const { page, pageSize, skip } = pageWindow(query);
    const { items: records, total } = await this.staff.list({
      scope: dataScopeOf(principal),
      ...(query.institutionId !== undefined ? { institutionId: query.institutionId } : {}),
      ...(query.departmentCode !== undefined ? { departmentCode: query.departmentCode } : {}),
      ...(query.enabled !== undefined ? { enabled: query.enabled === 'true' } : {}),
      skip,
      limit: pageSize,
    });
    const items: StaffView[] = [];
    for (const record of records)
      items.push(await this.protection.view(record, reveal, principal.userId));
    await auditPersonalRead(this.audit, principal, reveal, 'staff', undefined, items.length);
    return { items, total, page, pageSize };
  }

  async get(principal: Principal, id: string, query: RevealQueryDto): Promise<StaffView> {
    const reveal = revealFor(principal, query);
    const record = await this.findInScope(principal, id);
    const view = await this.protection.view(record, reveal, principal.userId);
    await auditPersonalRead(this.audit, principal, reveal, 'staff', id, 1);
    return view;
  }

  /**
   * A merge patch over the profile, validated whole by the `staff` form. Account fields are
   * refused here (they change through password reset, phone binding and enable/disable).
   */
  async update(principal: Principal, id: string, patch: unknown): Promise<StaffView> {
    if (!isPlainObject(patch)) throw bodyNotAnObject();
    const refused = ACCOUNT_FIELDS.filter((key) => Object.hasOwn(patch, key)).map(
      (key): ErrorDetail => ({
        path: `/${key}`,
        code: 'NOT_EDITABLE',
        message: {
          zh: `${key} 属于登录账号，不能在此修改`,
          en: `${key} belongs to the login account and cannot be changed here`,
        },
      }),
    );
    if (refused.length > 0) throw new ApiError(422, 'STAFF_FIELD_NOT_EDITABLE', refused);

    const institution = await this.callerInstitution.of(principal);
    const current = await this.findOwn(institution, id);
    const form = await this.forms.current(STAFF_FORM);
    const merged = mergePatch(await this.protection.formValues(current, principal.userId), patch);
    const result = this.forms.run(form, merged);
    // The stored profile has no password or login name; their "required" is the account's concern.
    const errors = result.errors.filter(
      (issue) => !(ACCOUNT_FIELDS.includes(issue.path.slice(1)) && issue.code === 'required'),
    );
    if (errors.length > 0) throw submissionRejected({ ...result, valid: false, errors });
    const values = result.values;

    const role = this.mappedRole(String(values['role']));
    const departmentCode = String(values['departmentCode']);
    if (departmentCode !== current.departmentCode)
      await this.departments.requireEnabled(institution.id, departmentCode, '/departmentCode');
    const documentId = current.id;
    const sealed = {
      ...this.protection.seal(
        documentId,
        String(values['staffName']),
        String(values['idNumber']),
        null,
      ),
      // The bound phone is the account's and is not editable here: keep its ciphertext as is.
      phone: current.phone,
      phoneIndex: current.phoneIndex,
    };
    if (await this.staff.idNumberHeldByOther(institution.id, sealed.idNumberIndex, current.id))
      throw alreadyStaff();
    // Checked everything first: the role change is the one step outside the profile's update.
    if (role !== current.accountRole)
      await this.accounts.setRoles(current.userId, [role], principal.userId);

    let updated: StaffProfile | null;
    try {
      updated = await this.staff.update(current.id, institution.id, {
        ...sealed,
        gender: String(values['gender']),
        departmentCode,
        position: String(values['position']),
        idType: String(values['idType']),
        role: String(values['role']),
        accountRole: role,
        formVersion: form.version,
      });
    } catch (error) {
      if (error instanceof StaffIdNumberTakenError) throw alreadyStaff();
      throw error;
    }
    if (updated === null) throw recordNotFound(STAFF);
    await this.audited(principal, 'update', updated, {
      fields: Object.keys(patch).sort().join(','),
    });
    return this.protection.view(updated, 'masked', principal.userId);
  }

  /** Enables or disables the profile and its account; disabling revokes the account's tokens. */
  async setEnabled(principal: Principal, id: string, enabled: boolean): Promise<StaffView> {
    const institution = await this.callerInstitution.of(principal);
    const current = await this.findOwn(institution, id);
    if (!enabled && current.userId === principal.userId) {
      throw ApiError.single(422, 'CANNOT_DISABLE_SELF', '', {
        zh: '不能停用自己的账号',
        en: 'You cannot disable your own account',
      });
    }
    // The account first: it is what grants access, so a failure here leaves nothing half done.
    await this.accounts.setEnabled(current.userId, enabled, principal.userId);
    const updated = await this.staff.update(current.id, institution.id, { enabled });
    if (updated === null) throw recordNotFound(STAFF);
    await this.audited(principal, 'update', updated, { enabled });
    return this.protection.view(updated, 'masked', principal.userId);
  }

  private mappedRole(staffRoleCode: string): ClinicRole {
    const role = accountRoleFor(staffRoleCode);
    if (role === undefined) {
      throw ApiError.single(422, 'STAFF_ROLE_UNMAPPED', '/role', {
        zh: `角色 ${staffRoleCode} 尚未对应系统权限，请联系管理员`,
        en: `Role ${staffRoleCode} has no engine role mapped; contact the administrator`,
      });
    }
    return role;
  }

  private async findInScope(principal: Principal, id: string): Promise<StaffProfile> {
    const record = await this.staff.findInScope(id, dataScopeOf(principal));
    if (record === null) throw recordNotFound(STAFF);
    return record;
  }

  private async findOwn(institution: ActingInstitution, id: string): Promise<StaffProfile> {
    const record = await this.staff.findOwn(id, institution.id);
    if (record === null) throw recordNotFound(STAFF);
    return record;
  }

  private audited(
    principal: Principal,
    action: 'update',
    record: StaffProfile,
    details: Readonly<Record<string, string | boolean>>,
  ): Promise<void> {
    return this.audit.append({
      action,
      actor: principal.userId,
      resource: 'staff',
      resourceId: record.id,
      details: { institutionId: record.institutionId, ...details },
    });
  }
}
