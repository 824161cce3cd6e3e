import { compileForm, type FormDefinition } from '@sentinel/definitions';
import { HmacSm3BlindIndex } from '../../crypto/blind-index';
import { Sm4FieldCipher } from '../../crypto/field-cipher';
import type { AuditEntryInput, AuditLog } from '../audit/audit-log';
import { PersonalFields } from './personal-fields';

const text = (key: string, personal?: 'name' | 'phone') => ({
  kind: 'field' as const,
  key,
  type: 'text' as const,
  title: { zh: key, en: key },
  ...(personal === undefined ? {} : { personal }),
});

const FORM: FormDefinition = {
  kind: 'form',
  key: 'people',
  version: 1,
  title: { zh: '人员', en: 'People' },
  items: [
    text('name', 'name'),
    text('note'),
    {
      kind: 'repeat',
      key: 'members',
      title: { zh: '成员', en: 'Members' },
      children: [text('memberName', 'name'), text('relation')],
    },
  ],
};

describe('PersonalFields', () => {
  const entries: AuditEntryInput[] = [];
  const audit = {
    append: (entry: AuditEntryInput) => Promise.resolve(void entries.push(entry)),
  } as unknown as AuditLog;
  const sut = new PersonalFields(
    new Sm4FieldCipher([{ kid: 'k1', secret: Buffer.alloc(32, 7) }]),
    new HmacSm3BlindIndex(Buffer.alloc(32, 9)),
    audit,
  );
  const compiled = compileForm(FORM);
  const at = { collection: 'people', documentId: 'doc-1', pointer: '/values' };
  const values = { name: '张三', note: '无', members: [{ memberName: '李四', relation: '20' }] };

  beforeEach(() => entries.splice(0));

  it('given values, when sealed, then only personal fields (also in rows) become ciphertext', () => {
    const sealed = sut.sealForm(compiled, values, at);
    expect(sealed['note']).toBe('无');
    expect(sealed['name']).toEqual({
      kid: 'k1',
      iv: expect.any(String),
      ct: expect.any(String),
      mac: expect.any(String),
    });
    const row = (sealed['members'] as Record<string, unknown>[])[0];
    expect(row?.['relation']).toBe('20');
    expect(JSON.stringify(sealed)).not.toContain('李四');
  });

  it('given sealed values, when opened masked and clear, then masked names or the originals come back', async () => {
    const sealed = sut.sealForm(compiled, values, at);
    const masked = await sut.openForm(compiled, sealed, at, 'masked', 'u1');
    expect(masked.values).toEqual({
      name: '张*',
      note: '无',
      members: [{ memberName: '李*', relation: '20' }],
    });
    const clear = await sut.openForm(compiled, sealed, at, 'clear', 'u1');
    expect(clear).toEqual({ values, integrity: [] });
  });

  it('given a ciphertext moved to another row, when opened, then it is null, named, and a tamper row is audited', async () => {
    const sealed = sut.sealForm(
      compiled,
      { ...values, members: [{ memberName: '王五' }, { memberName: '赵六' }] },
      at,
    );
    const rows = sealed['members'] as Record<string, unknown>[];
    const swapped = { ...sealed, members: [rows[1], rows[0]] };
    const opened = await sut.openForm(compiled, swapped, at, 'clear', 'u1');
    expect(opened.values['members']).toEqual([{ memberName: null }, { memberName: null }]);
    expect(opened.integrity.map((n) => n.path)).toEqual([
      '/members/0/memberName',
      '/members/1/memberName',
    ]);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'tamper-detected',
        resource: 'people',
        resourceId: 'doc-1',
        actor: 'u1',
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('王五');
  });

  it('given a personal value stored in clear (not a ciphertext), when opened, then it is refused, not answered', async () => {
    const opened = await sut.openForm(compiled, { name: '张三' }, at, 'clear', 'u1');
    expect(opened.values['name']).toBeNull();
    expect(opened.integrity).toEqual([{ path: '/name', code: 'tampered' }]);
  });

  it('given equal values, when tokenised, then the blind index is equal; sealing twice gives different ciphertexts', () => {
    expect(sut.token('phone', '134 0000 0001')).toBe(sut.token('phone', '13400000001'));
    const a = sut.seal('张三', 'people', 'doc-1', '/values/name');
    const b = sut.seal('张三', 'people', 'doc-1', '/values/name');
    expect(a.ct).not.toBe(b.ct);
  });
});
