import { ImmediateUnitOfWork } from '../../database';
import { AuditLog, type AuditEntryInput, type AuditVerification } from '../audit/audit-log';
import { Clock } from '../../common/clock';
import {
  InstitutionNotFoundError,
  InstitutionStatusRefusedError,
  type InstitutionStatus,
} from './institution-directory';
import type { RegionCatalog } from './regions/region-catalog';
import { InMemoryInstitutionStore } from './in-memory-institution-store';
import { InstitutionStatusChanges } from './institution-status-changes';
import { StoredInstitutionDirectory } from './stored-institution-directory';

class RecordingAudit extends AuditLog {
  readonly entries: AuditEntryInput[] = [];
  flushes = 0;
  append(entry: AuditEntryInput): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }
  override flush(): Promise<void> {
    this.flushes += 1;
    return Promise.resolve();
  }
  verify(): Promise<AuditVerification> {
    return Promise.resolve({ ok: true, entries: this.entries.length });
  }
}

const NOW = new Date('2026-03-01T08:00:00.000Z');
class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

async function setup(status: InstitutionStatus = 'pending') {
  const store = new InMemoryInstitutionStore();
  const audit = new RecordingAudit();
  const unitOfWork = new ImmediateUnitOfWork();
  const sut = new InstitutionStatusChanges(store, unitOfWork, audit, new FixedClock());
  const directory = new StoredInstitutionDirectory(
    store,
    sut,
    unitOfWork,
    {} as unknown as RegionCatalog, // region paths are not what these tests are about
  );
  const id = store.newId();
  await store.insert({
    id,
    name: '状态诊所',
    nameKey: '状态诊所',
    type: 'clinic',
    address: { region: '441900003', detail: '东城街道 1 号' },
    insuranceDesignated: false,
    regionCode: '441900003',
    regionPath: ['440000', '441900', '441900003'],
    status,
    statusHistory: [],
    adminUserId: null,
    formVersion: 1,
  });
  return { store, audit, sut, directory, id };
}

describe('InstitutionStatusChanges: the one writer of an institution status', () => {
  it('given a regulator decision, when changed, then status, history (Clock time) and audit row without a source are written, then chained', async () => {
    const { sut, audit, id } = await setup();

    const changed = await sut.change({
      id,
      from: 'pending',
      to: 'rejected',
      reason: '执照不清晰',
      actor: 'reviewer-1',
    });

    expect(changed).toMatchObject({
      status: 'rejected',
      statusHistory: [{ status: 'rejected', reason: '执照不清晰', actor: 'reviewer-1', at: NOW }],
    });
    expect(audit.entries).toEqual([
      {
        action: 'update',
        actor: 'reviewer-1',
        resource: 'institutions',
        resourceId: id,
        details: { from: 'pending', to: 'rejected', withReason: true },
      },
    ]);
    expect(audit.flushes).toBe(1);
  });

  it('given a status that moved on, when changed from the stale one, then null and nothing is audited', async () => {
    const { sut, audit, id } = await setup('approved');

    const changed = await sut.change({
      id,
      from: 'pending',
      to: 'approved',
      reason: null,
      actor: 'reviewer-1',
    });

    expect(changed).toBeNull();
    expect(audit.entries).toEqual([]);
  });

  it('given the system, when the directory sets a status, then it goes through the same writer with its source', async () => {
    const { directory, audit, store, id } = await setup('rejected');

    const first = await directory.setStatusBySystem(id, 'pending', null, 'staff-1', {
      source: 'submission:clinic-qualification',
    });
    const again = await directory.setStatusBySystem(id, 'pending', null, 'staff-1');

    expect(first).toEqual({ from: 'rejected', to: 'pending', changed: true });
    expect(again).toEqual({ from: 'pending', to: 'pending', changed: false });
    expect((await store.findById(id))?.statusHistory).toEqual([
      { status: 'pending', reason: null, actor: 'staff-1', at: NOW },
    ]);
    expect(audit.entries.map((e) => e.details)).toEqual([
      {
        from: 'rejected',
        to: 'pending',
        withReason: false,
        source: 'submission:clinic-qualification',
      },
    ]);
  });

  it('given a refused transition or an unknown id, when the system sets a status, then the matching error', async () => {
    const { directory, id } = await setup('suspended');

    await expect(directory.setStatusBySystem(id, 'rejected', 'x', 'system')).rejects.toBeInstanceOf(
      InstitutionStatusRefusedError,
    );
    await expect(
      directory.setStatusBySystem('missing', 'approved', null, 'system'),
    ).rejects.toBeInstanceOf(InstitutionNotFoundError);
  });
});
