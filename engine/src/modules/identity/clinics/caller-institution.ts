import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Principal } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { parseRecordId } from '../shared/record-id';
import { INSTITUTION_MODEL, type InstitutionRecord } from './institution.schema';

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
  constructor(
    @InjectModel(INSTITUTION_MODEL) private readonly institutions: Model<InstitutionRecord>,
  ) {}

  async of(principal: Principal): Promise<ActingInstitution> {
    const id =
      principal.institutionId === undefined ? null : parseRecordId(principal.institutionId);
    const record =
      id === null
        ? null
        : await this.institutions.findById(id, { regionCode: 1, regionPath: 1 }).lean();
    if (record === null) {
      throw ApiError.single(403, 'NO_INSTITUTION', '', {
        zh: '当前账号不属于任何机构',
        en: 'Your account does not belong to an institution',
      });
    }
    return {
      id: record._id.toHexString(),
      regionCode: record.regionCode,
      regionPath: record.regionPath,
    };
  }
}
