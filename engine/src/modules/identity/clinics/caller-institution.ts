import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { InstitutionStore } from '../../institutions';

/** The institution a clinic user acts for, with the scope keys its records inherit. */
export interface ActingInstitution {
  readonly id: string;
  readonly regionCode: string;
  readonly regionPath: readonly string[];
}

/**
 * Resolves the caller's own institution for writes (departments, staff, qualifications). The id
 * comes from the token's account, never from the request, so nobody writes into another clinic.
 */
@Injectable()
export class CallerInstitution {
  constructor(private readonly institutions: InstitutionStore) {}

  async of(principal: Principal): Promise<ActingInstitution> {
    const record =
      principal.institutionId === undefined
        ? null
        : await this.institutions.findById(principal.institutionId);
    if (record === null) {
      throw ApiError.single(403, 'NO_INSTITUTION', '', {
        zh: '当前账号不属于任何机构',
        en: 'Your account does not belong to an institution',
      });
    }
    return {
      id: record.id,
      regionCode: record.regionCode,
      regionPath: record.regionPath,
    };
  }
}
