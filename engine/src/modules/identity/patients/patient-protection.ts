import { Injectable } from '@nestjs/common';
import type { CompiledForm } from '@sentinel/definitions';
import { PersonalFields, type IntegrityNote, type Reveal } from '../../personal-data';
import type { PatientRecord } from './patient.schema';

export const PATIENTS_COLLECTION = 'patients';
export const FAMILY_MEMBERS = 'familyMembers';

type Row = Readonly<Record<string, unknown>>;

/** The sealed values and every blind index a patient record stores. */
export type SealedPatient = Pick<
  PatientRecord,
  | 'values'
  | 'idNumberIndex'
  | 'phoneIndex'
  | 'nameIndex'
  | 'memberIdNumberIndexes'
  | 'memberPhoneIndexes'
  | 'memberNameIndexes'
>;

/** A patient's values opened: own fields, family rows, and any integrity failures. */
export interface OpenedPatient {
  readonly own: Record<string, unknown>;
  readonly members: Record<string, unknown>[];
  readonly integrity: readonly IntegrityNote[];
}

function rowsOf(values: Row): Row[] {
  const rows = values[FAMILY_MEMBERS];
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

function texts(rows: readonly Row[], key: string): string[] {
  return rows.flatMap((row) => (typeof row[key] === 'string' && row[key] !== '' ? [row[key]] : []));
}

/** Seals and opens patient values; the blind indexes let clinics find a returning patient exactly. */
@Injectable()
export class PatientProtection {
  constructor(private readonly personal: PersonalFields) {}

  seal(compiled: CompiledForm, documentId: string, values: Row): SealedPatient {
    const rows = rowsOf(values);
    const token = (kind: 'idNumber' | 'phone' | 'name', value: string) =>
      this.personal.token(kind, value);
    return {
      values: this.personal.sealForm(compiled, values, this.at(documentId)),
      idNumberIndex: token('idNumber', String(values['idNumber'])),
      phoneIndex: token('phone', String(values['phone'])),
      nameIndex: token('name', String(values['patientName'])),
      memberIdNumberIndexes: texts(rows, 'memberIdNumber').map((v) => token('idNumber', v)),
      memberPhoneIndexes: texts(rows, 'memberPhone').map((v) => token('phone', v)),
      memberNameIndexes: texts(rows, 'memberName').map((v) => token('name', v)),
    };
  }

  async open(
    compiled: CompiledForm,
    record: PatientRecord,
    reveal: Reveal,
    actor: string,
  ): Promise<OpenedPatient> {
    const documentId = record._id.toHexString();
    const opened = await this.personal.openForm(
      compiled,
      record.values,
      this.at(documentId),
      reveal,
      actor,
    );
    const { [FAMILY_MEMBERS]: rows, ...own } = opened.values;
    return {
      own,
      members: Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [],
      integrity: opened.integrity,
    };
  }

  private at(documentId: string) {
    return { collection: PATIENTS_COLLECTION, documentId, pointer: '/values' };
  }
}
