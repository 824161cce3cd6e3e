import type { AppConfig } from '../../../../src/config';
import { CompletionRepair } from '../../../../src/modules/workflows/tasks/completion-repair';
import type { Decision } from '../../../../src/modules/workflows/tasks/completion-store';
import type { WorkflowTask } from '../../../../src/modules/workflows/tasks/workflow-task';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { startProjection } from './projection-harness';
import { openTask, snapshotOf } from './task-fixtures';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const LOCK_MS = 60_000;
const APPROVE: Decision = { action: 'approve', reason: null, comment: null, values: { score: 4 } };
const reviewer = (userId: string) => ({ userId, displayName: userId });

describe('completion lifecycle (against the store)', () => {
  let database: TestDatabase;
  let sut: Awaited<ReturnType<typeof startProjection>>;
  let repair: CompletionRepair;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = await startProjection(database);
    const config = { workflows: { jobLockMs: LOCK_MS, pollMs: 1000 } } as unknown as AppConfig;
    repair = new CompletionRepair(
      sut.completions,
      sut.recorder,
      sut.projection,
      sut.clock,
      config,
      sut.runtime,
    );
  });

  // Each test starts with no completion waiting, so the repair pass counts only its own.
  afterEach(async () => {
    const far = new Date(sut.clock.now().getTime() + 365 * 86_400_000);
    for (const task of await sut.completions.stuck(far, 1000, [])) {
      await sut.completions.reopen(task);
    }
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  /** Emits an instance whose review waits, as `shares` countersign shares or one plain task. */
  const started = async (instanceId: string, shares = 0): Promise<WorkflowTask[]> => {
    const openTasks =
      shares === 0
        ? [openTask(`${instanceId}:review`, 'districtReview', T0)]
        : Array.from({ length: shares }, (_, i) =>
            openTask(`${instanceId}:share${String(i)}`, 'districtReview', T0, { loopIndex: i }),
          );
    await sut.runtime.emit(snapshotOf({ instanceId, revision: 1, openTasks }));
    return (await sut.tasks.ofInstances([instanceId])).sort((a, b) =>
      a.runtimeTaskId.localeCompare(b.runtimeTaskId),
    );
  };
  const reread = async (task: WorkflowTask) => (await sut.tasks.findById(task.id))!;

  it('given two shares of a round, when one reviewer begins both at once, then one is taken and the other refused as already signed', async () => {
    const [first, second] = await started('cs1', 2);

    const outcomes = await Promise.all([
      sut.completions.begin(first!, reviewer('rev-1'), APPROVE, T0),
      sut.completions.begin(second!, reviewer('rev-1'), APPROVE, T0),
    ]);

    const statuses = outcomes.map((o) => (typeof o === 'string' ? o : o.status)).sort();
    expect(statuses).toEqual(['already-signed', 'completing']);
    const refused = typeof outcomes[0] === 'string' ? first! : second!;
    expect(
      await sut.completions.begin(await reread(refused), reviewer('rev-2'), APPROVE, T0),
    ).toEqual(expect.objectContaining({ status: 'completing', completedBy: 'rev-2' }));
  });

  it('given a share being signed, when the completion is reopened, then the same reviewer may sign another share of the round', async () => {
    const [first, second] = await started('cs2', 2);
    const begun = await sut.completions.begin(first!, reviewer('rev-1'), APPROVE, T0);
    if (typeof begun === 'string') throw new Error(`begin refused: ${begun}`);
    expect(await sut.completions.signedInRound(second!, 'rev-1')).toBe(true);

    await sut.completions.reopen(begun);

    expect(await sut.completions.signedInRound(second!, 'rev-1')).toBe(false);
    expect(await sut.completions.begin(second!, reviewer('rev-1'), APPROVE, T0)).toEqual(
      expect.objectContaining({ status: 'completing' }),
    );
  });

  it('given a completion stuck while the runtime task is still open, when the repair pass runs after the limit, then the task is open again and held as before', async () => {
    const [task] = await started('stuck-open');
    await sut.tasks.claim(task!, 'rev-1', T0);
    const claimed = await reread(task!);
    await sut.completions.begin(claimed, reviewer('rev-1'), APPROVE, sut.clock.now());

    sut.clock.advance(2 * LOCK_MS - 1);
    expect(await repair.runDue(sut.clock.now())).toBe(0);
    expect((await reread(task!)).status).toBe('completing');

    sut.clock.advance(2);
    expect(await repair.runDue(sut.clock.now())).toBe(1);
    expect(await reread(task!)).toMatchObject({
      status: 'open',
      assignee: 'rev-1',
      claimedAt: T0,
      completedBy: null,
      pending: null,
      completingSince: null,
    });
    expect(await repair.runDue(sut.clock.now())).toBe(0);
  });

  it('given a completion stuck after the runtime moved on, when the repair pass runs, then the task is completed with its pending decision and the next task is projected', async () => {
    const [task] = await started('stuck-done');
    const decidedAt = sut.clock.now();
    await sut.completions.begin(task!, reviewer('rev-1'), APPROVE, decidedAt);
    // The runtime took the decision but neither the answer nor the listener reached us.
    const moved = snapshotOf({
      instanceId: 'stuck-done',
      revision: 2,
      openTasks: [openTask('stuck-done:resubmit', 'resubmit', T0)],
    });
    sut.runtime.changeUnheard(moved);

    sut.clock.advance(3 * LOCK_MS);
    expect(await repair.runDue(sut.clock.now())).toBe(1);

    expect(await reread(task!)).toMatchObject({
      status: 'completed',
      action: 'approve',
      values: { score: 4 },
      completedAt: decidedAt,
    });
    const all = await sut.tasks.ofInstances(['stuck-done']);
    expect(all.map((t) => [t.elementId, t.status]).sort()).toEqual([
      ['districtReview', 'completed'],
      ['resubmit', 'open'],
    ]);
    const types = (await sut.timeline.ofBusinessKey('bk-stuck-done')).map((e) => e.type);
    expect(types.filter((type) => type === 'task.completed')).toHaveLength(1);
    expect(sut.audit.entries.filter((e) => e.resourceId === task!.id)).toHaveLength(1);
  });
});
