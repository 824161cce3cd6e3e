import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { PatientDirectory } from '../patient-directory';
import { PATIENT_MODEL, type PatientRecord } from './patient.schema';

/**
 * Matches tokens against the indexed `idNumberIndex` and `memberIdNumberIndexes`: a family
 * member has no account, so their report goes to the record that lists them.
 */
@Injectable()
export class MongoPatientDirectory extends PatientDirectory {
  constructor(@InjectModel(PATIENT_MODEL) private readonly patients: Model<PatientRecord>) {
    super();
  }

  async patientIdsByIdNumberTokens(tokens: readonly string[]): Promise<readonly string[]> {
    if (tokens.length === 0) return [];
    const wanted = [...tokens];
    const records = await this.patients
      .find(
        { $or: [{ idNumberIndex: { $in: wanted } }, { memberIdNumberIndexes: { $in: wanted } }] },
        { patientIds: 1 },
      )
      .lean()
      .exec();
    return [...new Set(records.flatMap((record) => record.patientIds))].sort();
  }
}
