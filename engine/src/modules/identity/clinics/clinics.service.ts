import { Injectable } from '@nestjs/common';
import { dataScopeOf, type Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { UnitOfWork } from '../../../database';
import { AuditLog } from '../../audit';
import { Accounts, type AccountView } from '../../auth';
import type { InstitutionStatus } from '../../institutions';
import { RegionCatalog } from '../../institutions';
import { auditAccountCreated } from '../shared/account-audit';
import { pageWindow, type Page } from '../shared/pagination';
import { PublishedForms } from '../shared/published-forms';
import { recordNotFound } from '../shared/record-id';
import type { ClinicListQueryDto, ClinicStatusDto } from './clinic.dto';
import {
  clinicDetailView,
  clinicView,
  type ClinicDetailView,
  type ClinicRegistered,
  type ClinicView,
} from './clinic.views';
import { canChangeStatus, STATUS_LABEL_ZH, statusNeedsReason } from '../../institutions';
import { InstitutionStatusChanges } from '../../institutions';
import {
  InstitutionNameTakenError,
  InstitutionStore,
  institutionNameKey,
  type Institution,
  type InstitutionAddress,
} from '../../institutions';

export const CLINIC_REGISTRATION_FORM = 'clinic-registration';
const CLINIC = { zh: '机构', en: 'Institution' };

function nameTaken(): ApiError {
  return ApiError.single(409, 'INSTITUTION_NAME_TAKEN', '/institutionName', {
    zh: '该机构名称已注册',
    en: 'An institution with this name is already registered',
  });
}

/**
 * Clinics: public registration (the institution and its first administrator in one
 * unit of work), scoped reads, and status decisions by regulators.
 */
@Injectable()
export class ClinicsService {
  constructor(
    private readonly institutions: InstitutionStore,
    private readonly statuses: InstitutionStatusChanges,
    private readonly unitOfWork: UnitOfWork,
    private readonly forms: PublishedForms,
    private readonly regions: RegionCatalog,
    private readonly accounts: Accounts,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Registers a clinic from the values of the published `clinic-registration` form. The
   * institution and its administrator account are written in one unit of work: a refused
   * account (phone already used, weak password) leaves no institution behind.
   */
  async register(body: unknown): Promise<ClinicRegistered> {
    const { form, values } = await this.forms.accept(CLINIC_REGISTRATION_FORM, body);
    const name = String(values['institutionName']);
    const nameKey = institutionNameKey(name);
    const address = values['institutionAddress'] as InstitutionAddress;
    const regionPath = await this.regions.pathOf(address.region);
    if (regionPath.length === 0) {
      throw ApiError.single(422, 'REGION_UNKNOWN', '/institutionAddress/region', {
        zh: `行政区划 ${address.region} 不存在`,
        en: `Region ${address.region} does not exist`,
      });
    }
    if ((await this.institutions.findByNameKey(nameKey)) !== null) throw nameTaken();

    const id = this.institutions.newId();
    const phone = String(values['loginAccount']);
    let admin: AccountView;
    try {
      admin = await this.unitOfWork.run(async () => {
        // The institution first: if the account is then refused, the rollback takes it away again.
        await this.institutions.insert({
          id,
          name: name.trim(),
          nameKey,
          type: String(values['institutionType']),
          address: { region: address.region, detail: address.detail.trim() },
          insuranceDesignated: values['insuranceDesignated'] === true,
          regionCode: address.region,
          regionPath: [...regionPath],
          status: 'pending',
          statusHistory: [],
          adminUserId: null,
          formVersion: form.version,
        });
        const account = await this.accounts.create(
          {
            username: phone,
            phone,
            password: String(values['password']),
            displayName: `${nameKey}管理员`,
            roles: ['clinic_admin'],
            institutionId: id,
          },
          {
            auditedByCaller: true,
            paths: { username: '/loginAccount', phone: '/loginAccount', password: '/password' },
          },
        );
        await this.institutions.setAdmin(id, account.id, {
          status: 'pending',
          reason: null,
          actor: account.id,
          at: new Date(),
        });
        await auditAccountCreated(
          this.audit,
          account.id,
          account,
          'clinic-registration',
          'in-unit-of-work',
        );
        await this.audit.appendInTransaction({
          action: 'create',
          actor: account.id,
          resource: 'institutions',
          resourceId: id,
          details: { formVersion: form.version, status: 'pending', adminUserId: account.id },
        });
        return account;
      });
    } catch (error) {
      if (error instanceof InstitutionNameTakenError) throw nameTaken();
      throw error;
    }
    const adminUserId = admin.id;
    await this.audit.flush();
    return { institutionId: id, status: 'pending', adminUserId };
  }

  /** Clinics the caller may see: regulators their region's subtree, clinic users their own. */
  async list(principal: Principal, query: ClinicListQueryDto): Promise<Page<ClinicView>> {
    const { page, pageSize, skip } = pageWindow(query);
    const name = query.name?.trim() ?? '';
    const { items, total } = await this.institutions.list({
      scope: dataScopeOf(principal),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.regionCode === undefined ? {} : { regionCode: query.regionCode }),
      ...(name === '' ? {} : { nameKeyContains: institutionNameKey(query.name ?? '') }),
      skip,
      limit: pageSize,
    });
    return { items: items.map(clinicView), total, page, pageSize };
  }

  /** One clinic in the caller's scope; any other id answers 404 (SECURITY 16). */
  async get(principal: Principal, id: string): Promise<ClinicDetailView> {
    return clinicDetailView(await this.findInScope(principal, id));
  }

  /**
   * A regulator's decision on a clinic within their region. The change is conditional on the
   * status read, so two reviewers deciding at once cannot both win.
   */
  async changeStatus(
    principal: Principal,
    id: string,
    change: ClinicStatusDto,
  ): Promise<ClinicDetailView> {
    const current = await this.findInScope(principal, id);
    const reason = change.reason?.trim() ?? '';
    if (statusNeedsReason(change.status) && reason === '') {
      throw ApiError.single(422, 'REASON_REQUIRED', '/reason', {
        zh: `${STATUS_LABEL_ZH[change.status]}须填写原因`,
        en: `A reason is required when the status becomes ${change.status}`,
      });
    }
    if (!canChangeStatus(current.status, change.status))
      throw this.badTransition(current.status, change.status);
    const updated = await this.statuses.change({
      id: current.id,
      from: current.status,
      to: change.status,
      reason: reason === '' ? null : reason,
      actor: principal.userId,
    });
    if (updated === null) {
      throw ApiError.single(409, 'STATUS_CHANGED_MEANWHILE', '/status', {
        zh: '机构状态已被他人修改，请刷新后重试',
        en: 'The status was changed meanwhile; reload and try again',
      });
    }
    return clinicDetailView(updated);
  }

  private async findInScope(principal: Principal, id: string): Promise<Institution> {
    const found = await this.institutions.findInScope(id, dataScopeOf(principal));
    if (found === null) throw recordNotFound(CLINIC);
    return found;
  }

  private badTransition(from: InstitutionStatus, to: InstitutionStatus): ApiError {
    return ApiError.single(409, 'INVALID_STATUS_TRANSITION', '/status', {
      zh: `机构状态不能从${STATUS_LABEL_ZH[from]}改为${STATUS_LABEL_ZH[to]}`,
      en: `The status cannot change from ${from} to ${to}`,
    });
  }
}
