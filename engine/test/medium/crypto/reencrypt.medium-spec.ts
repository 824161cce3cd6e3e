import { Types, type mongo } from 'mongoose';
import { Sm4FieldCipher } from '../../../src/crypto/field-cipher';
import { findEncryptedFields } from '../../../src/crypto/encrypted-field-walk';
import type { EncryptedField } from '../../../src/crypto/field-protection';
import { reencryptCollection } from '../../../src/crypto/reencrypt';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const k1 = { kid: 'k1', secret: Buffer.alloc(32, 0x11) };
const k2 = { kid: 'k2', secret: Buffer.alloc(32, 0x22) };
const COLLECTION = 'submissions';

interface Patient {
  idNumber: string;
  phone: string;
  memberPhone: string;
}

const patients: Patient[] = [
  { idNumber: '11010519491231002X', phone: '13412345678', memberPhone: '13912345678' },
  { idNumber: '440102199003071234', phone: '13500000001', memberPhone: '13600000002' },
  { idNumber: '441900198511110022', phone: '13700000003', memberPhone: '13800000004' },
];

/** A report as the submissions module stores it: personal values sealed at their JSON pointers. */
function sealedReport(cipher: Sm4FieldCipher, patient: Patient): Record<string, unknown> {
  const _id = new Types.ObjectId();
  const at = (field: string) => ({ collection: COLLECTION, documentId: String(_id), field });
  return {
    _id,
    formKey: 'sentinel-visit',
    values: {
      idNumber: cipher.encrypt(patient.idNumber, at('/values/idNumber')),
      phone: cipher.encrypt(patient.phone, at('/values/phone')),
      temperature: 38.5,
      familyMembers: [
        {
          memberPhone: cipher.encrypt(
            patient.memberPhone,
            at('/values/familyMembers/0/memberPhone'),
          ),
        },
      ],
    },
  };
}

/** Every sealed value of the collection, decrypted with `cipher` (throws on any refusal). */
async function readAll(
  db: mongo.Db,
  cipher: Sm4FieldCipher,
): Promise<{ kids: string[]; plain: unknown[] }> {
  const kids: string[] = [];
  const plain: unknown[] = [];
  for (const document of await db.collection(COLLECTION).find({}).sort({ _id: 1 }).toArray()) {
    for (const found of findEncryptedFields(document)) {
      kids.push(found.value.kid);
      plain.push(
        cipher.decrypt(found.value, {
          collection: COLLECTION,
          documentId: String(document._id),
          field: found.pointer,
        }),
      );
    }
  }
  return { kids, plain };
}

const expectedPlain = patients.flatMap((p) => [p.idNumber, p.phone, p.memberPhone]);

describe('re-encryption after a key rotation (SECURITY.md 11-13)', () => {
  let database: TestDatabase;
  let db: mongo.Db;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    if (database.connection.db === undefined) throw new Error('no database');
    db = database.connection.db;
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await db.collection(COLLECTION).deleteMany({});
    const old = new Sm4FieldCipher([k1]);
    await db
      .collection(COLLECTION)
      .insertMany([
        ...patients.map((p) => sealedReport(old, p)),
        { _id: new Types.ObjectId(), formKey: 'no-personal-data', values: { temperature: 36.6 } },
      ]);
  });

  it('given reports written with k1, when the raw documents are read, then personal values are only {kid, iv, ct, mac} and equal phones differ', async () => {
    const raw = JSON.stringify(await db.collection(COLLECTION).find({}).toArray());
    for (const p of patients) {
      expect(raw).not.toContain(p.idNumber);
      expect(raw).not.toContain(p.phone);
    }
    const twice = new Sm4FieldCipher([k1]);
    const location = { collection: COLLECTION, documentId: 'x', field: '/values/phone' };
    expect(twice.encrypt('13412345678', location).ct).not.toBe(
      twice.encrypt('13412345678', location).ct,
    );
  });

  it('given reports written with k1 and the configuration rotated to [k2, k1], when read, then every value is still readable', async () => {
    const { kids, plain } = await readAll(db, new Sm4FieldCipher([k2, k1]));
    expect(new Set(kids)).toEqual(new Set(['k1']));
    expect(plain).toEqual(expectedPlain);
  });

  it('given the rotation, when the collection is re-encrypted, then no document uses k1 and all read with [k2] alone', async () => {
    const report = await reencryptCollection(db, COLLECTION, new Sm4FieldCipher([k2, k1]), 2);
    expect(report).toMatchObject({ scanned: 4, reencrypted: 9, tampered: 0, skipped: 0 });

    const { kids, plain } = await readAll(db, new Sm4FieldCipher([k2]));
    expect(kids).toHaveLength(9);
    expect(new Set(kids)).toEqual(new Set(['k2']));
    expect(plain).toEqual(expectedPlain);
    expect(await db.collection(COLLECTION).countDocuments({ 'values.idNumber.kid': 'k1' })).toBe(0);
    expect(
      (await db.collection(COLLECTION).findOne({ formKey: 'no-personal-data' }))?.['values'],
    ).toEqual({
      temperature: 36.6,
    });
  });

  it('given a finished re-encryption, when run again, then nothing is rewritten', async () => {
    const rotated = new Sm4FieldCipher([k2, k1]);
    await reencryptCollection(db, COLLECTION, rotated);
    const before = await db.collection(COLLECTION).find({}).sort({ _id: 1 }).toArray();
    const again = await reencryptCollection(db, COLLECTION, rotated);
    expect(again).toMatchObject({ scanned: 4, reencrypted: 0, tampered: 0, skipped: 0 });
    expect(await db.collection(COLLECTION).find({}).sort({ _id: 1 }).toArray()).toEqual(before);
  });

  it('given one stored ciphertext with a flipped byte, when re-encrypted, then it is refused with its location and left untouched', async () => {
    const victim = await db.collection(COLLECTION).findOne({ formKey: 'sentinel-visit' });
    if (victim === null) throw new Error('seed missing');
    const sealed = (victim['values'] as { phone: EncryptedField }).phone;
    const bytes = Buffer.from(sealed.ct, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const tampered = { ...sealed, ct: bytes.toString('base64') };
    await db
      .collection(COLLECTION)
      .updateOne({ _id: victim._id }, { $set: { 'values.phone': tampered } });

    const report = await reencryptCollection(db, COLLECTION, new Sm4FieldCipher([k2, k1]));

    expect(report).toMatchObject({ reencrypted: 8, tampered: 1, skipped: 0 });
    expect(report.refused).toEqual([
      {
        location: {
          collection: COLLECTION,
          documentId: String(victim._id),
          field: '/values/phone',
        },
        reason: 'mac-mismatch',
      },
    ]);
    const after = await db.collection(COLLECTION).findOne({ _id: victim._id });
    expect((after?.['values'] as { phone: EncryptedField }).phone).toEqual(tampered);
  });

  it('given a write to a document between reading and updating it, when re-encrypted, then the newer write is kept and a second run finishes', async () => {
    const rotated = new Sm4FieldCipher([k2, k1]);
    const target = await db.collection(COLLECTION).findOne({ formKey: 'sentinel-visit' });
    if (target === null) throw new Error('seed missing');
    const newer = rotated.encrypt('13100000000', {
      collection: COLLECTION,
      documentId: String(target._id),
      field: '/values/phone',
    });
    let raced = false;
    // The driver's collection, except that the first update is preceded by another writer's update.
    const racingDb = {
      collection(name: string) {
        const real = db.collection(name);
        return new Proxy(real, {
          get(object, property) {
            if (property === 'updateOne' && !raced) {
              return async (
                filter: mongo.Filter<mongo.Document>,
                update: mongo.UpdateFilter<mongo.Document>,
              ) => {
                raced = true;
                await real.updateOne({ _id: target._id }, { $set: { 'values.phone': newer } });
                return real.updateOne(filter, update);
              };
            }
            const value: unknown = Reflect.get(object, property, object);
            return typeof value === 'function' ? (value as () => unknown).bind(object) : value;
          },
        });
      },
    } as unknown as mongo.Db;

    const first = await reencryptCollection(racingDb, COLLECTION, rotated);
    expect(first).toMatchObject({ reencrypted: 6, skipped: 3 });
    const kept = await db.collection(COLLECTION).findOne({ _id: target._id });
    expect((kept?.['values'] as { phone: EncryptedField }).phone).toEqual(newer);

    const second = await reencryptCollection(db, COLLECTION, rotated);
    expect(second).toMatchObject({ reencrypted: 2, skipped: 0, tampered: 0 });
    const { kids, plain } = await readAll(db, new Sm4FieldCipher([k2]));
    expect(new Set(kids)).toEqual(new Set(['k2']));
    expect(plain).toContain('13100000000');
  });
});
