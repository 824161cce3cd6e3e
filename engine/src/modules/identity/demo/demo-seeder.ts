import { Injectable, Logger } from '@nestjs/common';
import { isDuplicateKeyError, UnitOfWork } from '../../../database';
import { ApiError } from '../../../common/errors';
import { AuditLog } from '../../audit';
import type { ActingInstitution } from '../clinics/caller-institution';
import {
  InstitutionNameTakenError,
  InstitutionStore,
  institutionNameKey,
  RegionCatalog,
} from '../../institutions';
import { DepartmentCodeTakenError, DepartmentStore } from '../departments/department-store';
import { OfficialsService } from '../officials/officials.service';
import { StaffService } from '../staff/staff.service';
import { accountRoleFor } from '../staff/staff-role-mapping';
import {
  DEMO_CLINIC,
  DEMO_CLINIC_ADMIN,
  DEMO_DEPARTMENT,
  DEMO_OFFICIALS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_STAFF_FORM_VERSION,
} from './demo-data';

const SYSTEM = 'system';

/** What one run created; an idempotent second run creates nothing. */
export interface DemoSeedResult {
  readonly institutionId: string;
  readonly created: readonly string[];
}

/** Another instance seeding at the same moment wins the unique index: treat as already seeded. */
function lostRace(error: unknown): boolean {
  if (error instanceof ApiError) return error.getStatus() === 409;
  if (error instanceof InstitutionNameTakenError || error instanceof DepartmentCodeTakenError) {
    return true;
  }
  return isDuplicateKeyError(error);
}

/**
 * Seeds the demo region tree, the approved demo clinic in Dongguan 东城街道 with department 001,
 * its three staff and the demo officials (regulators, insurance reviewer, epidemic handler,
 * fever clinic; password `Sentinel@2026`). Idempotent: what exists is left alone.
 * Runs at boot in demo mode; tests call it directly.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly institutions: InstitutionStore,
    private readonly departments: DepartmentStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionCatalog,
    private readonly officials: OfficialsService,
    private readonly staff: StaffService,
    private readonly audit: AuditLog,
  ) {}

  async seed(): Promise<DemoSeedResult> {
    await this.regions.ensureSeeded();
    const created: string[] = [];
    for (const official of DEMO_OFFICIALS) {
      if (await this.officials.exists(official.username)) continue;
      const path = await this.regions.pathOf(official.regionCode);
      try {
        await this.officials.createFor({ ...official, password: DEMO_PASSWORD }, path, SYSTEM);
        created.push(official.username);
      } catch (error) {
        if (!lostRace(error)) throw error;
      }
    }
    const clinic = await this.ensureClinic(created);
    for (const values of DEMO_STAFF) {
      const username = String(values['loginUsername']);
      if (await this.staff.existsWithUsername(username)) continue;
      try {
        const { record, account } = await this.staff.insert(
          clinic,
          values,
          this.roleOf(values),
          DEMO_STAFF_FORM_VERSION,
        );
        await this.staff.auditCreated(SYSTEM, record, account);
        created.push(username);
      } catch (error) {
        if (!lostRace(error)) throw error;
      }
    }
    if (created.length > 0) this.logger.log(`demo data seeded: ${created.join(', ')}`);
    return { institutionId: clinic.id, created };
  }

  /**
   * The approved demo clinic with department 001 and its administrator, written in one
   * transaction so a half-seeded clinic never exists.
   */
  private async ensureClinic(created: string[]): Promise<ActingInstitution> {
    const existing = await this.existingClinic();
    if (existing !== null) return existing;
    const regionPath = await this.regions.pathOf(DEMO_CLINIC.address.region);
    const clinic: ActingInstitution = {
      id: this.institutions.newId(),
      regionCode: DEMO_CLINIC.address.region,
      regionPath,
    };
    const admin = DEMO_STAFF.find((values) => values['loginUsername'] === DEMO_CLINIC_ADMIN);
    if (admin === undefined) throw new Error(`demo data has no ${DEMO_CLINIC_ADMIN}`);
    const now = new Date();
    const nameKey = institutionNameKey(DEMO_CLINIC.name);
    const written = await this.unitOfWork
      .run(async () => {
        await this.departments.insert({
          institutionId: clinic.id,
          regionPath: [...regionPath],
          code: DEMO_DEPARTMENT.code,
          name: DEMO_DEPARTMENT.name,
          medicalSubject: DEMO_DEPARTMENT.medicalSubject,
          enabled: true,
          formVersion: DEMO_DEPARTMENT.formVersion,
        });
        const adminStaff = await this.staff.insert(
          clinic,
          admin,
          this.roleOf(admin),
          DEMO_STAFF_FORM_VERSION,
        );
        await this.institutions.insert({
          id: clinic.id,
          name: DEMO_CLINIC.name,
          nameKey,
          type: DEMO_CLINIC.type,
          address: { ...DEMO_CLINIC.address },
          insuranceDesignated: DEMO_CLINIC.insuranceDesignated,
          regionCode: clinic.regionCode,
          regionPath: [...regionPath],
          status: 'approved',
          statusHistory: [
            { status: 'pending', reason: null, actor: SYSTEM, at: now },
            { status: 'approved', reason: null, actor: SYSTEM, at: now },
          ],
          adminUserId: adminStaff.account.id,
          formVersion: DEMO_CLINIC.formVersion,
        });
        return adminStaff;
      })
      .catch(async (error: unknown) => {
        const seededElsewhere = lostRace(error) ? await this.existingClinic() : null;
        if (seededElsewhere === null) throw error;
        return seededElsewhere;
      });
    if (!('record' in written)) return written;
    const { record, account } = written;
    await this.staff.auditCreated(SYSTEM, record, account);
    await this.audit.append({
      action: 'create',
      actor: SYSTEM,
      resource: 'institutions',
      resourceId: clinic.id,
      details: { status: 'approved', demo: true },
    });
    created.push(DEMO_CLINIC.name, DEMO_CLINIC_ADMIN);
    return clinic;
  }

  private async existingClinic(): Promise<ActingInstitution | null> {
    const nameKey = institutionNameKey(DEMO_CLINIC.name);
    const found = await this.institutions.findByNameKey(nameKey);
    return found === null
      ? null
      : { id: found.id, regionCode: found.regionCode, regionPath: found.regionPath };
  }

  private roleOf(values: Readonly<Record<string, unknown>>) {
    const role = accountRoleFor(String(values['role']));
    if (role === undefined)
      throw new Error(`demo staff role ${String(values['role'])} has no mapping`);
    return role;
  }
}
