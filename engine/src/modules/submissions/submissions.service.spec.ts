import type { FormDefinition } from '@sentinel/definitions';
import type { Principal } from '../../common/auth';
import { isEncryptedField } from '../../crypto/field-protection';
import {
  contentForm,
  createCommand as command,
  doctorOf,
  feverReport,
  normalReport,
  principal,
  publish,
  refusal,
  submissionsHarness,
} from '../../../test/medium/submissions/submission-fixtures';

const FORM = 'patient-visit-report';
const doctor = doctorOf('clinic-a');
const patient: Principal = principal(['patient'], { userId: 'p-user', patientId: 'patient-1' });

describe('SubmissionsService.create', () => {
  it('given 38.5 °C without address and referral, when reported, then 422 names both paths and nothing is stored', async () => {
    const { service, repository } = submissionsHarness();
    const values = feverReport();
    delete values['currentAddress'];
    delete values['referralInstitution'];
    delete values['patientDestination'];

    const refused = await refusal(service.create({ principal: doctor }, command(values)));

    expect(refused).toEqual({
      status: 422,
      code: 'SUBMISSION_INVALID',
      paths: ['/values/currentAddress', '/values/referralInstitution'],
    });
    expect(
      (
        await repository.list({
          scope: { kind: 'institution', institutionId: 'clinic-a' },
          statuses: ['draft', 'pending', 'reported'],
          skip: 0,
          limit: 10,
        })
      ).total,
    ).toBe(0);
  });

  it('given a complete fever report, when reported, then 201 with the pinned version and the fever flag', async () => {
    const { service } = submissionsHarness();

    const outcome = await service.create({ principal: doctor }, command(feverReport()));

    expect(outcome.replayed).toBe(false);
    expect(outcome.response.status).toBe(201);
    expect(outcome.response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      formKey: FORM,
      formVersion: 1,
      status: 'reported',
      derived: { fever: true, ageYears: expect.any(Number) },
      warnings: [],
      issues: [],
    });
  });

  it('given a report, when stored, then personal values are ciphertext and the record keeps version, parameters, outcome, reporter and scope', async () => {
    const { service, repository } = submissionsHarness();

    const { response } = await service.create({ principal: doctor }, command(feverReport()));
    const stored = await repository.findById((response.body as { id: string }).id, {
      kind: 'institution',
      institutionId: 'clinic-a',
    });

    expect(stored).toMatchObject({
      formKey: FORM,
      formVersion: 1,
      status: 'reported',
      parameters: { feverThreshold: 37.3 },
      reporter: { userId: doctor.userId, displayName: doctor.displayName },
      institutionId: 'clinic-a',
      regionPath: ['440000', '441900', '441900003'],
      patientIds: [],
      outcome: { valid: true, derived: { fever: true } },
    });
    expect(stored!.dictionaryVersions).toMatchObject({ 'fever-clinics': expect.any(Number) });
    expect(stored!.outcome.effects.required['/referralInstitution']).toBe(true);
    for (const key of ['patientName', 'idNumber', 'phone', 'birthDate', 'currentAddress']) {
      expect(isEncryptedField(stored!.values[key])).toBe(true);
    }
    expect(stored!.blind.idNumber).toHaveLength(1);
  });

  it('given a report, when stored, then one submission.accepted event and one create audit row without personal values are written', async () => {
    const { service, repository, audit } = submissionsHarness();

    const { response } = await service.create(
      { principal: doctor, ip: '10.0.0.1' },
      command(feverReport()),
    );
    const events = await repository.outbox.claim({ consumer: 't', limit: 10, leaseMs: 1000 });

    expect(events).toEqual([
      expect.objectContaining({
        type: 'submission.accepted',
        submissionId: (response.body as { id: string }).id,
        formKey: FORM,
        formVersion: 1,
        status: 'reported',
        institutionId: 'clinic-a',
        regionPath: ['440000', '441900', '441900003'],
        derived: expect.objectContaining({ fever: true }),
        publishedAt: null,
      }),
    ]);
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'create',
        actor: doctor.userId,
        resource: 'submissions',
        details: { formKey: FORM, formVersion: 1, status: 'reported' },
        ip: '10.0.0.1',
      }),
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain('陈琛');
  });

  it('given version 2 was published, when a report names formVersion 1, then it validates and is stored on version 1', async () => {
    const { service, registry } = submissionsHarness();
    const v1 = contentForm(FORM);
    const v2: FormDefinition = {
      ...v1,
      version: 2,
      items: [
        ...v1.items,
        {
          kind: 'field',
          key: 'ward',
          type: 'text',
          title: { zh: '病区', en: 'Ward' },
          required: true,
        },
      ],
      goldenCases: [],
    };
    registry.add(publish(v2));

    const pinned = await service.create(
      { principal: doctor },
      command(normalReport(), { formVersion: 1 }),
    );
    const current = await refusal(service.create({ principal: doctor }, command(normalReport())));

    expect(pinned.response.body).toMatchObject({ formVersion: 1, status: 'reported' });
    expect(current).toMatchObject({ status: 422, paths: ['/values/ward'] });
  });

  it('given an unknown form or version, when reported, then 404 FORM_NOT_FOUND or FORM_VERSION_NOT_FOUND', async () => {
    const { service } = submissionsHarness();

    expect(
      await refusal(
        service.create({ principal: doctor }, command(normalReport(), { formKey: 'nope' })),
      ),
    ).toMatchObject({
      status: 404,
      code: 'FORM_NOT_FOUND',
    });
    expect(
      await refusal(
        service.create({ principal: doctor }, command(normalReport(), { formVersion: 9 })),
      ),
    ).toEqual({
      status: 404,
      code: 'FORM_VERSION_NOT_FOUND',
      paths: ['/formVersion'],
    });
  });

  it('given staff of an institution not approved, when reporting, then 403 INSTITUTION_NOT_APPROVED', async () => {
    const { service } = submissionsHarness();

    expect(
      await refusal(
        service.create({ principal: doctorOf('clinic-pending') }, command(normalReport())),
      ),
    ).toMatchObject({
      status: 403,
      code: 'INSTITUTION_NOT_APPROVED',
    });
  });

  it('given staff naming another institution or a regulator, when reporting, then 403', async () => {
    const { service } = submissionsHarness();
    const reviewer = principal(['district_reviewer'], { regionCode: '441900003' });

    expect(
      await refusal(
        service.create(
          { principal: doctor },
          command(normalReport(), { institutionId: 'clinic-b' }),
        ),
      ),
    ).toMatchObject({
      status: 403,
      code: 'INSTITUTION_NOT_OWN',
    });
    expect(
      await refusal(service.create({ principal: reviewer }, command(normalReport()))),
    ).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('given a patient pre-filling only the patient block for a clinic, when submitted, then it is pending with the missing fields as issues', async () => {
    const { service, repository } = submissionsHarness();
    const {
      temperature: _t,
      onsetDate: _o,
      epidemiologicalHistory: _e,
      mainSymptoms: _m,
      ...patientBlock
    } = normalReport();

    const { response } = await service.create(
      { principal: patient },
      command(patientBlock, { institutionId: 'clinic-b' }),
    );
    const body = response.body as {
      id: string;
      status: string;
      issues: { path: string; code: string }[];
    };
    const stored = await repository.findById(body.id, { kind: 'patient', patientId: 'patient-1' });

    expect(body.status).toBe('pending');
    expect(body.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['/temperature', '/onsetDate']),
    );
    expect(stored).toMatchObject({
      institutionId: 'clinic-b',
      patientIds: ['patient-1'],
      prefilledBy: { userId: 'p-user' },
    });
  });

  it('given a patient, when asking for reported, naming no clinic, or sending a wrong value, then it is refused', async () => {
    const { service } = submissionsHarness();

    expect(
      await refusal(
        service.create(
          { principal: patient },
          command(normalReport(), { institutionId: 'clinic-b', status: 'reported' }),
        ),
      ),
    ).toMatchObject({ status: 403, paths: ['/status'] });
    expect(
      await refusal(service.create({ principal: patient }, command(normalReport()))),
    ).toMatchObject({ status: 422, paths: ['/institutionId'] });
    expect(
      await refusal(
        service.create(
          { principal: patient },
          command(normalReport(), { institutionId: 'nowhere' }),
        ),
      ),
    ).toMatchObject({ status: 422, code: 'INSTITUTION_NOT_FOUND' });
    expect(
      await refusal(
        service.create(
          { principal: patient },
          command(normalReport({ idNumber: '362421199409180027' }), { institutionId: 'clinic-b' }),
        ),
      ),
    ).toMatchObject({ status: 422, paths: ['/values/idNumber'] });
  });

  it('given an invalid draft, when saved, then it is stored with its errors as issues and no outbox event', async () => {
    const { service, repository } = submissionsHarness();

    const { response } = await service.create(
      { principal: doctor },
      command({ temperature: 'hot', phone: '13658582323' }, { status: 'draft' }),
    );
    const body = response.body as { status: string; issues: { path: string }[] };

    expect(body.status).toBe('draft');
    expect(body.issues.map((i) => i.path)).toContain('/temperature');
    expect(await repository.outbox.claim({ consumer: 't', limit: 10, leaseMs: 1000 })).toEqual([]);
  });

  it('given a key starting with $ anywhere in the values, when submitted even as a draft, then 400 names its path', async () => {
    const { service } = submissionsHarness();

    expect(
      await refusal(
        service.create(
          { principal: doctor },
          command({ mainSymptoms: { $gt: true } }, { status: 'draft' }),
        ),
      ),
    ).toEqual({
      status: 400,
      code: 'UNSAFE_KEY',
      paths: ['/values/mainSymptoms/$gt'],
    });
  });

  it('given a form with file fields, when reported, then FileReferences.attach gets every id with its path and the record scope', async () => {
    const { service, registry, files } = submissionsHarness();
    registry.add(
      publish({
        kind: 'form',
        key: 'complaint',
        version: 1,
        title: { zh: '投诉', en: 'Complaint' },
        items: [
          {
            kind: 'field',
            key: 'images',
            type: 'file',
            title: { zh: '图片', en: 'Images' },
            maxCount: 4,
          },
          {
            kind: 'repeat',
            key: 'evidence',
            title: { zh: '证据', en: 'Evidence' },
            children: [
              { kind: 'field', key: 'scan', type: 'file', title: { zh: '扫描件', en: 'Scan' } },
            ],
          },
        ],
      }),
    );

    const { response } = await service.create(
      { principal: doctor },
      command(
        { images: ['file-0001', 'file-0002'], evidence: [{ scan: ['file-0003'] }] },
        { formKey: 'complaint' },
      ),
    );

    expect(files.calls).toHaveLength(1);
    expect(files.calls[0]!.values.map((v) => [v.path, v.fileIds])).toEqual([
      ['/values/images', ['file-0001', 'file-0002']],
      ['/values/evidence/0/scan', ['file-0003']],
    ]);
    expect(files.calls[0]!.record).toEqual({
      collection: 'submissions',
      id: (response.body as { id: string }).id,
      institutionId: 'clinic-a',
      regionPath: ['440000', '441900', '441900003'],
      patientIds: [],
    });
  });
});
