import { crc32, deflateSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { demoResidentId } from '../../../../src/modules/identity/demo/demo-data';
import { DEMO_PASSWORD, loginAs } from '../../../support/auth-helpers';

/**
 * Builders for identity tests: valid form values with unique phones and ID numbers per call, so
 * tests in one file share an app but never a person.
 */
let serial = 0;

function next(): number {
  serial += 1;
  return serial;
}

/** A fresh mainland mobile number in a range no fixture elsewhere uses (1390000xxxx). */
export function freshPhone(): string {
  return `1390000${String(next()).padStart(4, '0')}`;
}

/** A fresh resident ID with a valid check character; odd sequence → male ('1'), even → female ('2'). */
export function freshResidentId(gender: '1' | '2' = '1', birth = '19880808'): string {
  const n = next() % 500;
  const sequence = String(n * 2 + (gender === '1' ? 1 : 0)).padStart(3, '0');
  return demoResidentId('441900', birth, sequence);
}

function server(app: INestApplication): App {
  return app.getHttpServer() as App;
}

export function clinicValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    institutionName: `测试诊所${next()}`,
    institutionType: 'clinic',
    institutionAddress: { region: '441900003', detail: '东城街道测试路 8 号' },
    insuranceDesignated: true,
    loginAccount: freshPhone(),
    password: DEMO_PASSWORD,
    ...overrides,
  };
}

export interface RegisteredClinic {
  readonly institutionId: string;
  readonly adminUserId: string;
  readonly phone: string;
  /** The administrator's access token. */
  readonly token: string;
}

/** Registers a clinic over HTTP and signs its administrator in (by phone). */
export async function registerClinic(
  app: INestApplication,
  overrides: Record<string, unknown> = {},
): Promise<RegisteredClinic> {
  const values = clinicValues(overrides);
  const response = await request(server(app)).post('/api/clinics/register').send(values);
  if (response.status !== 201) {
    throw new Error(`register clinic: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const body = response.body as { institutionId: string; adminUserId: string };
  const phone = String(values['loginAccount']);
  return { ...body, phone, token: await loginAs(app, phone) };
}

export function departmentValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    departmentCode: '001',
    departmentName: '全科',
    medicalSubject: '02',
    enabled: true,
    ...overrides,
  };
}

export function staffValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const phone = freshPhone();
  return {
    staffName: '黄小俊',
    gender: '1',
    departmentCode: '001',
    position: 'doctor',
    idType: '01',
    idNumber: freshResidentId('1'),
    loginUsername: phone,
    password: DEMO_PASSWORD,
    role: 'outpatientDoctor',
    bindPhone: true,
    bindPhoneNumber: phone,
    enabled: true,
    ...overrides,
  };
}

export function patientValues(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const idNumber = freshResidentId('2', '19900710');
  return {
    patientName: '张三',
    idType: '01',
    idNumber,
    gender: '2',
    birthDate: '1990-07-10',
    phone: freshPhone(),
    crowdCategory: '07',
    ...overrides,
  };
}

export function familyMemberValues(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    memberName: '张小明',
    relation: '20',
    memberIdType: '01',
    memberIdNumber: freshResidentId('1', '20150307'),
    memberGender: '1',
    memberBirthDate: '2015-03-07',
    ...overrides,
  };
}

/** The smallest real PNG (1×1, RGBA): enough for the upload's content sniffing. */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Uploads a PNG as `token` and answers its file id. */
export async function uploadPng(app: INestApplication, token: string): Promise<string> {
  const response = await request(server(app))
    .post('/api/files')
    .set('Authorization', `Bearer ${token}`)
    .attach('file', tinyPng(), { filename: 'cert.png', contentType: 'image/png' });
  if (response.status !== 201)
    throw new Error(`upload: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { id: string }).id;
}

export function qualificationValues(
  photos: { qualification: string[]; practice: string[] },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    doctorName: '黄小俊',
    gender: '1',
    departmentCode: '001',
    idType: '01',
    idNumber: freshResidentId('1', '19850615'),
    doctorRole: 'outpatientDoctor',
    title: '233',
    practiceCategory: 'clinical',
    practiceScope: ['internalMedicine'],
    multiSitePractice: false,
    qualificationCertNumber: '200644110441900198506150312',
    qualificationCertPhoto: photos.qualification,
    practiceCertNumber: '110441900004512',
    practiceCertIssueDate: '2012-08-20',
    practiceCertPhoto: photos.practice,
    ...overrides,
  };
}
