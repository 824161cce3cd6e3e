import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../database';
import type { Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { AuditLog } from '../../audit';
import { Accounts } from '../../auth';
import { RegionCatalog } from '../../institutions';
import { auditAccountCreated } from '../shared/account-audit';
import { pageWindow, type Page } from '../shared/pagination';
import type { NewOfficialDto, OfficialListQueryDto } from './official.dto';
import { OfficialOrganisation } from './official-organisation';
import { OfficialStore } from './official-store';
import { levelSuits, officialView, type OfficialView } from './official.schema';

/** What creating an official needs, from an administrator's request or the demo seeder. */
export type NewOfficial = Pick<
  NewOfficialDto,
  'username' | 'password' | 'displayName' | 'role' | 'regionCode' | 'phone' | 'organisationCode'
>;

/**
 * Regulator, policy-editor, insurance, epidemic-handler and fever-clinic accounts, created by a
 * provincial administrator for their region.
 */
@Injectable()
export class OfficialsService {
  constructor(
    private readonly officials: OfficialStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly regions: RegionCatalog,
    private readonly accounts: Accounts,
    private readonly audit: AuditLog,
    private readonly organisation: OfficialOrganisation,
  ) {}

  /** An administrator creates an account for a region inside their own. */
  async create(principal: Principal, input: NewOfficial): Promise<OfficialView> {
    const region = await this.regions.find(input.regionCode);
    if (region === undefined) {
      throw ApiError.single(422, 'REGION_UNKNOWN', '/regionCode', {
        zh: `行政区划 ${input.regionCode} 不存在`,
        en: `Region ${input.regionCode} does not exist`,
      });
    }
    if (principal.regionCode === undefined || !region.path.includes(principal.regionCode)) {
      throw ApiError.single(403, 'REGION_OUT_OF_SCOPE', '/regionCode', {
        zh: '只能为本辖区内的行政区划创建账号',
        en: 'You may create accounts only for regions within your own',
      });
    }
    if (!levelSuits(input.role, region.level)) {
      throw ApiError.single(422, 'REGION_LEVEL_MISMATCH', '/regionCode', {
        zh: `${region.name.zh}（第 ${region.level} 级）不适合角色 ${input.role}`,
        en: `${region.name.en} (level ${region.level}) does not suit the role ${input.role}`,
      });
    }
    const organisationCode = await this.organisation.check(input);
    return this.createFor({ ...input, organisationCode }, region.path, principal.userId);
  }

  /**
   * The account and its official record in one transaction; used by the demo seeder as `system`.
   * Trusts `input` (the seeder's data is checked by its own test against the shipped content).
   */
  async createFor(
    input: NewOfficial,
    regionPath: readonly string[],
    actor: string,
  ): Promise<OfficialView> {
    const { record } = await this.unitOfWork.run(async () => {
      const created = await this.accounts.create(
        {
          username: input.username,
          ...(input.phone === undefined ? {} : { phone: input.phone }),
          password: input.password,
          displayName: input.displayName,
          roles: [input.role],
          regionCode: input.regionCode,
          ...(input.organisationCode === undefined
            ? {}
            : { organisationCode: input.organisationCode }),
        },
        { auditedByCaller: true, actor },
      );
      const official = await this.officials.insert({
        userId: created.id,
        username: created.username,
        displayName: input.displayName,
        role: input.role,
        regionCode: input.regionCode,
        regionPath: [...regionPath],
        ...(input.organisationCode === undefined
          ? {}
          : { organisationCode: input.organisationCode }),
        createdBy: actor,
      });
      await auditAccountCreated(this.audit, actor, created, 'admin-users', 'in-unit-of-work');
      await this.audit.appendInTransaction({
        action: 'create',
        actor,
        resource: 'officials',
        resourceId: official.id,
        details: {
          role: input.role,
          regionCode: input.regionCode,
          organisationCode: input.organisationCode ?? null,
          userId: created.id,
        },
      });
      return { record: official, account: created };
    });
    await this.audit.flush();
    return officialView(record);
  }

  async list(principal: Principal, query: OfficialListQueryDto): Promise<Page<OfficialView>> {
    const { page, pageSize, skip } = pageWindow(query);
    const { items, total } = await this.officials.list({
      // An administrator without a region sees nobody rather than everybody.
      withinRegion: principal.regionCode ?? '\u0000none',
      ...(query.role === undefined ? {} : { role: query.role }),
      ...(query.regionCode === undefined ? {} : { regionCode: query.regionCode }),
      skip,
      limit: pageSize,
    });
    return { items: items.map(officialView), total, page, pageSize };
  }

  exists(username: string): Promise<boolean> {
    return this.officials.existsWithUsername(username);
  }
}
