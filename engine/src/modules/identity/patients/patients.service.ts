import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { SubmissionIssue } from '@sentinel/definitions';
import { Types, type Model } from 'mongoose';
import { ambientSession, duplicateKeyField, UnitOfWork } from '../../../database';
import type { Principal } from '../../../common/auth';
import { ApiError, type ErrorDetail } from '../../../common/errors';
import { maskPersonal } from '../../../crypto';
import { AuditLog } from '../../audit';
import { Accounts, type AccountView } from '../../auth';
import { auditAccountCreated } from '../shared/account-audit';
import { bodyNotAnObject, isPlainObject, mergePatch } from '../shared/merge-patch';
import type { Reveal } from '../../personal-data';
import { PublishedForms } from '../shared/published-forms';
import { parseRecordId } from '../shared/mongo-record-id';
import { recordNotFound } from '../shared/record-id';
import { auditPersonalRead, type RevealQueryDto } from '../shared/reveal';
import type { PatientRegistrationDto } from './patient.dto';
import { PATIENT_MODEL, type PatientRecord } from './patient.schema';
import type { FamilyMemberView, PatientRegistered, PatientView } from './patient.views';
import { FAMILY_MEMBERS, PATIENTS_COLLECTION, PatientProtection } from './patient-protection';

export const PATIENT_FORM = 'patient-self-registration';
const PATIENT = { zh: '患者档案', en: 'Patient record' };
const MEMBER = { zh: '家庭成员', en: 'Family member' };
const MEMBER_ID = /^[0-9a-f]{16}$/;

/** Own fields that belong to the login account or have their own endpoints. */
const NOT_EDITABLE_ON_SELF = ['phone', FAMILY_MEMBERS];

function alreadyRegistered(): ApiError {
  return ApiError.single(409, 'PATIENT_ALREADY_REGISTERED', '/values/idNumber', {
    zh: '该证件号码已注册，请直接登录',
    en: 'This ID number is already registered; log in instead',
  });
}

function newMemberId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Rewrites validation issues of the whole record into paths of the request that caused them:
 * issues inside the edited family row lose their row prefix; any other issue concerns the stored
 * record as a whole (path '').
 */
function issuesForRow(issues: readonly SubmissionIssue[], rowIndex: number): ErrorDetail[] {
  const row = `/${FAMILY_MEMBERS}/${rowIndex}`;
  return issues.map((issue) => ({
    path:
      issue.path === row
        ? ''
        : issue.path.startsWith(`${row}/`)
          ? issue.path.slice(row.length)
          : '',
    code: issue.code,
    message: issue.message,
  }));
}

function issuesForSelf(issues: readonly SubmissionIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.startsWith(`/${FAMILY_MEMBERS}`) ? '' : issue.path,
    code: issue.code,
    message: issue.message,
  }));
}

/** Self-registered patients and their family members; a patient only ever reaches their own record. */
@Injectable()
export class PatientsService {
  constructor(
    @InjectModel(PATIENT_MODEL) private readonly patients: Model<PatientRecord>,
    private readonly unitOfWork: UnitOfWork,
    private readonly forms: PublishedForms,
    private readonly protection: PatientProtection,
    private readonly accounts: Accounts,
    private readonly audit: AuditLog,
  ) {}

  /** The record and a `patient` account (username = phone) in one transaction. */
  async register(body: PatientRegistrationDto): Promise<PatientRegistered> {
    const { form, values } = await this.forms.accept(PATIENT_FORM, body.values, '/values');
    const id = new Types.ObjectId();
    const sealed = this.protection.seal(form.compiled, id.toHexString(), values);
    if ((await this.patients.exists({ idNumberIndex: sealed.idNumberIndex })) !== null)
      throw alreadyRegistered();
    const phone = String(values['phone']);
    let account: AccountView;
    try {
      account = await this.unitOfWork.run(async () => {
        const session = ambientSession();
        const created = await this.accounts.create(
          {
            username: phone,
            phone,
            password: body.password,
            displayName: String(maskPersonal('name', values['patientName'])),
            roles: ['patient'],
            patientId: id.toHexString(),
          },
          {
            auditedByCaller: true,
            paths: { username: '/values/phone', phone: '/values/phone', password: '/password' },
          },
        );
        await this.patients.create(
          [
            {
              _id: id,
              userId: created.id,
              ...sealed,
              familyMemberIds: (Array.isArray(values[FAMILY_MEMBERS])
                ? (values[FAMILY_MEMBERS] as unknown[])
                : []
              ).map(newMemberId),
              patientIds: [id.toHexString()],
              revision: 0,
              formVersion: form.version,
            },
          ],
          { session },
        );
        await auditAccountCreated(
          this.audit,
          created.id,
          created,
          'patient-registration',
          'in-unit-of-work',
        );
        await this.audit.appendInTransaction({
          action: 'create',
          actor: created.id,
          resource: PATIENTS_COLLECTION,
          resourceId: id.toHexString(),
          details: { formVersion: form.version },
        });
        return created;
      });
    } catch (error) {
      if (duplicateKeyField(error, ['idNumberIndex']) === 'idNumberIndex')
        throw alreadyRegistered();
      throw error;
    }
    await this.audit.flush();
    return { patientId: id.toHexString(), userId: account.id };
  }

  async me(principal: Principal, query: RevealQueryDto): Promise<PatientView> {
    const reveal = ownerReveal(query);
    const record = await this.own(principal);
    const view = await this.view(record, reveal, principal.userId);
    await auditPersonalRead(this.audit, principal, reveal, PATIENTS_COLLECTION, view.id, 1);
    return view;
  }

  /** A merge patch over the patient's own fields; the phone (the login) and family rows are refused. */
  async updateMe(principal: Principal, patch: unknown): Promise<PatientView> {
    if (!isPlainObject(patch)) throw bodyNotAnObject();
    const refused = NOT_EDITABLE_ON_SELF.filter((key) => Object.hasOwn(patch, key));
    if (refused.length > 0) {
      throw new ApiError(
        422,
        'PATIENT_FIELD_NOT_EDITABLE',
        refused.map((key) => ({
          path: `/${key}`,
          code: 'NOT_EDITABLE',
          message: {
            zh:
              key === 'phone'
                ? '手机号是登录账号，须通过短信验证更换'
                : '家庭成员请通过家庭成员接口修改',
            en:
              key === 'phone'
                ? 'The phone is the login; change it with an SMS code'
                : 'Use the family-member endpoints',
          },
        })),
      );
    }
    const record = await this.own(principal);
    const opened = await this.openClear(record, principal);
    const values = { ...mergePatch(opened.own, patch), [FAMILY_MEMBERS]: opened.members };
    const updated = await this.save(
      principal,
      record,
      values,
      record.familyMemberIds,
      issuesForSelf,
    );
    return this.view(updated, 'masked', principal.userId);
  }

  async familyMembers(principal: Principal, query: RevealQueryDto): Promise<FamilyMemberView[]> {
    const reveal = ownerReveal(query);
    const record = await this.own(principal);
    const view = await this.view(record, reveal, principal.userId);
    await auditPersonalRead(
      this.audit,
      principal,
      reveal,
      PATIENTS_COLLECTION,
      view.id,
      view.familyMembers.length,
    );
    return [...view.familyMembers];
  }

  async addFamilyMember(principal: Principal, row: unknown): Promise<FamilyMemberView> {
    if (!isPlainObject(row)) throw bodyNotAnObject();
    const record = await this.own(principal);
    const opened = await this.openClear(record, principal);
    const memberId = newMemberId();
    const members = [...opened.members, row];
    const updated = await this.save(
      principal,
      record,
      { ...opened.own, [FAMILY_MEMBERS]: members },
      [...record.familyMemberIds, memberId],
      (issues) => issuesForRow(issues, members.length - 1),
    );
    return this.member(updated, memberId, principal);
  }

  async updateFamilyMember(
    principal: Principal,
    memberId: string,
    patch: unknown,
  ): Promise<FamilyMemberView> {
    const record = await this.own(principal);
    const index = this.memberIndex(record, memberId);
    const opened = await this.openClear(record, principal);
    const members = opened.members.map((row, i) => (i === index ? mergePatch(row, patch) : row));
    const updated = await this.save(
      principal,
      record,
      { ...opened.own, [FAMILY_MEMBERS]: members },
      record.familyMemberIds,
      (issues) => issuesForRow(issues, index),
    );
    return this.member(updated, memberId, principal);
  }

  async removeFamilyMember(principal: Principal, memberId: string): Promise<void> {
    const record = await this.own(principal);
    const index = this.memberIndex(record, memberId);
    const opened = await this.openClear(record, principal);
    await this.save(
      principal,
      record,
      { ...opened.own, [FAMILY_MEMBERS]: opened.members.filter((_, i) => i !== index) },
      record.familyMemberIds.filter((_, i) => i !== index),
      issuesForSelf,
    );
  }

  /**
   * Validates the whole record with the current form (family rules compare rows with the owner),
   * seals it afresh (row positions are bound into the MACs) and writes it only if nobody changed
   * it since it was read.
   */
  private async save(
    principal: Principal,
    record: PatientRecord,
    values: Record<string, unknown>,
    memberIds: readonly string[],
    issuePaths: (issues: readonly SubmissionIssue[]) => ErrorDetail[],
  ): Promise<PatientRecord> {
    const form = await this.forms.current(PATIENT_FORM);
    const result = this.forms.run(form, values);
    if (!result.valid) throw new ApiError(422, 'SUBMISSION_INVALID', issuePaths(result.errors));
    const sealed = this.protection.seal(form.compiled, record._id.toHexString(), result.values);
    let updated: PatientRecord | null;
    try {
      updated = await this.patients
        .findOneAndUpdate(
          { _id: record._id, revision: record.revision },
          {
            $set: { ...sealed, familyMemberIds: [...memberIds], formVersion: form.version },
            $inc: { revision: 1 },
          },
          { returnDocument: 'after' },
        )
        .lean();
    } catch (error) {
      if (duplicateKeyField(error, ['idNumberIndex']) === 'idNumberIndex') {
        throw ApiError.single(409, 'PATIENT_ALREADY_REGISTERED', '/idNumber', {
          zh: '该证件号码已被其他账号注册',
          en: 'Another account registered this ID number',
        });
      }
      throw error;
    }
    if (updated === null) {
      throw ApiError.single(409, 'PATIENT_CHANGED_MEANWHILE', '', {
        zh: '档案已在别处修改，请刷新后重试',
        en: 'The record was changed meanwhile; reload and try again',
      });
    }
    await this.audit.append({
      action: 'update',
      actor: principal.userId,
      resource: PATIENTS_COLLECTION,
      resourceId: record._id.toHexString(),
      details: { formVersion: form.version, familyMembers: memberIds.length },
    });
    return updated;
  }

  private async own(principal: Principal): Promise<PatientRecord> {
    const patientId = principal.patientId ?? '';
    const id = parseRecordId(patientId);
    // Both keys: the record id from the token and the scope convention must agree.
    const record =
      id === null ? null : await this.patients.findOne({ _id: id, patientIds: patientId }).lean();
    if (record === null) throw recordNotFound(PATIENT);
    return record;
  }

  private memberIndex(record: PatientRecord, memberId: string): number {
    const index = MEMBER_ID.test(memberId) ? record.familyMemberIds.indexOf(memberId) : -1;
    if (index < 0) throw recordNotFound(MEMBER);
    return index;
  }

  private async openClear(record: PatientRecord, principal: Principal) {
    const form = await this.forms.version(PATIENT_FORM, record.formVersion);
    return this.protection.open(form.compiled, record, 'clear', principal.userId);
  }

  private async view(record: PatientRecord, reveal: Reveal, actor: string): Promise<PatientView> {
    const form = await this.forms.version(PATIENT_FORM, record.formVersion);
    const opened = await this.protection.open(form.compiled, record, reveal, actor);
    return {
      id: record._id.toHexString(),
      values: opened.own,
      familyMembers: opened.members.map((values, i) => ({
        id: record.familyMemberIds[i] ?? '',
        values,
      })),
      formVersion: record.formVersion,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      ...(opened.integrity.length > 0 ? { integrity: opened.integrity } : {}),
    };
  }

  private async member(
    record: PatientRecord,
    memberId: string,
    principal: Principal,
  ): Promise<FamilyMemberView> {
    const view = await this.view(record, 'masked', principal.userId);
    const member = view.familyMembers.find((m) => m.id === memberId);
    if (member === undefined) throw recordNotFound(MEMBER);
    return member;
  }
}

/**
 * A patient may read their own record in clear (the data subject's right of access, PIPL art. 45);
 * it is still masked by default and every clear read is audited as `unmask`.
 */
function ownerReveal(query: RevealQueryDto): Reveal {
  return query.unmask === 'true' ? 'clear' : 'masked';
}
