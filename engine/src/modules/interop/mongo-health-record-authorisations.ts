import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Schema, Types, type Model } from 'mongoose';
import {
  HealthRecordAuthorisations,
  type HealthRecordAuthorisation,
} from './health-record-authorisations';

export const AUTHORISATION_MODEL = 'HealthRecordAuthorisation';

interface AuthorisationDocument extends Omit<HealthRecordAuthorisation, 'id'> {
  readonly _id: Types.ObjectId;
}

/** `healthRecordAuthorisations`: scoped like every record (institutionId, regionPath). */
export const authorisationSchema = new Schema<AuthorisationDocument>(
  {
    patientToken: { type: String, required: true },
    cardType: { type: String, required: true },
    institutionId: { type: String, required: true },
    regionPath: { type: [String], default: [] },
    authorisedBy: { type: String, required: true },
    authorisedAt: { type: Date, required: true },
    authDays: { type: Number, required: true },
  },
  { collection: 'healthRecordAuthorisations', versionKey: false, strict: 'throw' },
);
authorisationSchema.index({ institutionId: 1, patientToken: 1, cardType: 1, authorisedAt: -1 });

function toAuthorisation(doc: AuthorisationDocument): HealthRecordAuthorisation {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString() };
}

@Injectable()
export class MongoHealthRecordAuthorisations extends HealthRecordAuthorisations {
  constructor(
    @InjectModel(AUTHORISATION_MODEL) private readonly model: Model<AuthorisationDocument>,
  ) {
    super();
  }

  async insert(
    authorisation: Omit<HealthRecordAuthorisation, 'id'>,
  ): Promise<HealthRecordAuthorisation> {
    const created = await this.model.create(authorisation);
    return toAuthorisation(created.toObject<AuthorisationDocument>());
  }

  async latest(
    institutionId: string,
    patientToken: string,
    cardType: string,
  ): Promise<HealthRecordAuthorisation | null> {
    const doc = await this.model
      .findOne({ institutionId, patientToken, cardType })
      .sort({ authorisedAt: -1 })
      .lean<AuthorisationDocument>()
      .exec();
    return doc === null ? null : toAuthorisation(doc);
  }
}
