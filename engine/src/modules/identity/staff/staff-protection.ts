import { Injectable } from '@nestjs/common';
import type { PersonalKind } from '@sentinel/definitions';
import type { EncryptedField } from '../../../crypto';
import { PersonalFields, type IntegrityNote, type Reveal } from '../../personal-data';
import type { StaffProfile } from './staff-store';
import type { StaffView } from './staff.views';

const COLLECTION = 'staff';

/** The staff form's personal fields and where each is stored in a staff record. */
const PERSONAL: readonly {
  formKey: string;
  field: 'name' | 'idNumber' | 'phone';
  kind: PersonalKind;
}[] = [
  { formKey: 'staffName', field: 'name', kind: 'name' },
  { formKey: 'idNumber', field: 'idNumber', kind: 'idNumber' },
  { formKey: 'bindPhoneNumber', field: 'phone', kind: 'phone' },
];

/** Personal values of a staff record, sealed for storage with their blind indexes. */
export interface SealedStaffPersonal {
  name: EncryptedField;
  nameIndex: string;
  idNumber: EncryptedField;
  idNumberIndex: string;
  phone: EncryptedField | null;
  phoneIndex: string | null;
}

/** Encrypts and opens the personal fields of staff records (stored at `/name`, `/idNumber`, `/phone`). */
@Injectable()
export class StaffProtection {
  constructor(private readonly personal: PersonalFields) {}

  seal(
    documentId: string,
    name: string,
    idNumber: string,
    phone: string | null,
  ): SealedStaffPersonal {
    return {
      name: this.personal.seal(name, COLLECTION, documentId, '/name'),
      nameIndex: this.personal.token('name', name),
      idNumber: this.personal.seal(idNumber, COLLECTION, documentId, '/idNumber'),
      idNumberIndex: this.personal.token('idNumber', idNumber),
      phone: phone === null ? null : this.personal.seal(phone, COLLECTION, documentId, '/phone'),
      phoneIndex: phone === null ? null : this.personal.token('phone', phone),
    };
  }

  usernameToken(username: string): string {
    return this.personal.token('other', username);
  }

  /** The record as the staff form names its values (clear), to merge a patch over. */
  async formValues(record: StaffProfile, actor: string): Promise<Record<string, unknown>> {
    const opened = await this.openPersonal(record, 'clear', actor);
    return {
      staffName: opened.values['staffName'],
      gender: record.gender,
      departmentCode: record.departmentCode,
      position: record.position,
      idType: record.idType,
      idNumber: opened.values['idNumber'],
      role: record.role,
      bindPhone: record.bindPhone,
      ...(record.phone === null ? {} : { bindPhoneNumber: opened.values['bindPhoneNumber'] }),
      enabled: record.enabled,
    };
  }

  async view(record: StaffProfile, reveal: Reveal, actor: string): Promise<StaffView> {
    const opened = await this.openPersonal(record, reveal, actor);
    return {
      id: record.id,
      userId: record.userId,
      institutionId: record.institutionId,
      staffName: opened.values['staffName'],
      gender: record.gender,
      departmentCode: record.departmentCode,
      position: record.position,
      idType: record.idType,
      idNumber: opened.values['idNumber'],
      bindPhone: record.bindPhone,
      bindPhoneNumber: opened.values['bindPhoneNumber'] ?? null,
      role: record.role,
      accountRole: record.accountRole,
      enabled: record.enabled,
      formVersion: record.formVersion,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      ...(opened.integrity.length > 0 ? { integrity: opened.integrity } : {}),
    };
  }

  private async openPersonal(
    record: StaffProfile,
    reveal: Reveal,
    actor: string,
  ): Promise<{ values: Record<string, unknown>; integrity: IntegrityNote[] }> {
    const documentId = record.id;
    const notes: IntegrityNote[] = [];
    const values: Record<string, unknown> = {};
    for (const { formKey, field, kind } of PERSONAL) {
      const location = { collection: COLLECTION, documentId, field: `/${field}` };
      values[formKey] = this.personal.open(
        record[field],
        kind,
        reveal,
        location,
        `/${formKey}`,
        notes,
      );
    }
    await this.personal.reportTampering(notes, COLLECTION, documentId, actor);
    return { values, integrity: notes };
  }
}
