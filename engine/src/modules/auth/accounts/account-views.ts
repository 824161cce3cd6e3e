import { Injectable } from '@nestjs/common';
import { FieldCipher, maskPersonal } from '../../../crypto';
import { AuditLog } from '../../audit';
import { openSealedValue } from '../../personal-data';
import type { AccountView } from '../accounts';
import { PHONE_FIELD, USERS_COLLECTION, type UserDocument } from './user.schema';

/**
 * Stored user → the view other modules and clients see: no hash, no throttle state, the phone
 * decrypted only to be masked. A phone whose MAC fails is left out and the tampering audited,
 * rather than failing the whole answer or showing garbage.
 */
@Injectable()
export class AccountViews {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly audit: AuditLog,
  ) {}

  async view(user: UserDocument): Promise<AccountView> {
    const id = user._id.toHexString();
    return {
      id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      ...(user.institutionId === undefined ? {} : { institutionId: user.institutionId }),
      ...(user.regionCode === undefined ? {} : { regionCode: user.regionCode }),
      ...(user.organisationCode === undefined ? {} : { organisationCode: user.organisationCode }),
      ...(user.patientId === undefined ? {} : { patientId: user.patientId }),
      enabled: user.enabled,
      ...(await this.maskedPhone(id, user)),
    };
  }

  private async maskedPhone(id: string, user: UserDocument): Promise<{ phoneMasked?: string }> {
    if (user.phone === undefined) return {};
    const opened = openSealedValue(this.cipher, user.phone, this.location(id));
    if (opened.ok) return { phoneMasked: String(maskPersonal('phone', String(opened.value))) };
    await this.audit.append({
      action: 'tamper-detected',
      actor: 'system',
      resource: USERS_COLLECTION,
      resourceId: id,
      outcome: 'failure',
      details: { field: PHONE_FIELD, reason: opened.reason },
    });
    return {};
  }

  private location(documentId: string) {
    return { collection: USERS_COLLECTION, documentId, field: PHONE_FIELD };
  }
}
