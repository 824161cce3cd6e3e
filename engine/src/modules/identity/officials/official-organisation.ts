import { Injectable } from '@nestjs/common';
import { ApiError } from '../../../common/errors';
import { DefinitionRegistry } from '../../registry';
import { RegionCatalog } from '../../institutions';
import {
  FEVER_CLINICS_DICTIONARY,
  ORGANISATION_OFFICIAL_ROLES,
  type OfficialRole,
} from './official.schema';

/**
 * The organisation code of a new official: required for fever clinic staff and checked against
 * the published `fever-clinics` dictionary (so a task routed by that code reaches someone), and
 * refused for every other role (a stray code would narrow what a regulator sees).
 */
@Injectable()
export class OfficialOrganisation {
  constructor(
    private readonly registry: DefinitionRegistry,
    private readonly regions: RegionCatalog,
  ) {}

  /** The code to store (undefined for roles without one). @throws ApiError 422 */
  async check(input: {
    readonly role: OfficialRole;
    readonly regionCode: string;
    readonly organisationCode?: string;
  }): Promise<string | undefined> {
    const code = input.organisationCode?.trim();
    if (!ORGANISATION_OFFICIAL_ROLES.includes(input.role)) {
      if (code === undefined || code === '') return undefined;
      throw ApiError.single(422, 'ORGANISATION_NOT_APPLICABLE', '/organisationCode', {
        zh: `角色 ${input.role} 不属于外部机构，不能填写机构代码`,
        en: `The role ${input.role} does not belong to an organisation; leave organisationCode out`,
      });
    }
    if (code === undefined || code === '') {
      throw ApiError.single(422, 'ORGANISATION_REQUIRED', '/organisationCode', {
        zh: '发热门诊账号须填写所属发热门诊的代码',
        en: 'A fever clinic account needs the code of its fever clinic',
      });
    }
    const dictionary = await this.registry.currentDictionary(FEVER_CLINICS_DICTIONARY);
    const item = dictionary?.dictionary.items.find((i) => i.code === code && i.enabled !== false);
    if (item === undefined) {
      throw ApiError.single(422, 'ORGANISATION_UNKNOWN', '/organisationCode', {
        zh: `发热门诊字典中没有可用的代码 ${code}`,
        en: `No enabled fever clinic with code ${code} in the published dictionary`,
      });
    }
    const clinicRegion = item.attributes?.['region'];
    if (typeof clinicRegion === 'string') {
      const path = await this.regions.pathOf(clinicRegion);
      if (!path.includes(input.regionCode)) {
        throw ApiError.single(422, 'ORGANISATION_OUTSIDE_REGION', '/regionCode', {
          zh: `${item.label.zh}不在行政区划 ${input.regionCode} 内`,
          en: `${item.label.en} is not within region ${input.regionCode}`,
        });
      }
    }
    return code;
  }
}
