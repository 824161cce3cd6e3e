import { Logger } from '@nestjs/common';
import {
  SubmissionMissingError,
  type WorkflowSubmissions,
} from '../../submissions/workflow-submissions';
import type { InstanceSnapshot, WorkflowRuntime } from '../runtime';
import { WorkflowOutcomeRecorder } from './workflow-outcome-recorder';

function snapshot(overrides: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return {
    instanceId: 'instance-1',
    workflowKey: 'prescription-audit',
    workflowVersion: 1,
    businessKey: 'submission-1',
    state: 'completed',
    scope: { institutionId: 'clinic-a', regionPath: ['440000'] },
    variables: { submissionId: 'submission-1', decision: 'reject', reason: '剂量过大' },
    openTasks: [],
    openIncidents: [],
    revision: 4,
    startedAt: '2026-11-22T01:00:00.000Z',
    endedAt: '2026-11-22T02:00:00.000Z',
    ...overrides,
  };
}

describe('WorkflowOutcomeRecorder', () => {
  const recorded: unknown[][] = [];
  let missing = false;
  const submissions = {
    recordOutcome: (...args: unknown[]) => {
      if (missing) return Promise.reject(new SubmissionMissingError(String(args[0])));
      recorded.push(args);
      return Promise.resolve();
    },
  } as unknown as WorkflowSubmissions;
  const runtime = { onInstanceChanged: () => undefined } as unknown as WorkflowRuntime;
  const sut = new WorkflowOutcomeRecorder(submissions, runtime);

  beforeEach(() => {
    recorded.length = 0;
    missing = false;
  });

  it('given a process a submission started, when it ends, then its last decision and reason are recorded under the workflow key', async () => {
    await sut.record(snapshot());

    expect(recorded).toEqual([
      [
        'submission-1',
        'prescription-audit',
        { decision: 'reject', reason: '剂量过大', endedAt: new Date('2026-11-22T02:00:00.000Z') },
      ],
    ]);
  });

  it('given a running process, or one not started by a submission, when a snapshot arrives, then nothing is recorded', async () => {
    await sut.record(snapshot({ state: 'running', endedAt: null }));
    await sut.record(snapshot({ variables: { decision: 'approve' } }));

    expect(recorded).toEqual([]);
  });

  it('given no decision was taken, when the process ends, then the outcome says so with nulls', async () => {
    await sut.record(snapshot({ variables: { submissionId: 'submission-1' } }));

    expect(recorded[0]?.[2]).toMatchObject({ decision: null, reason: null });
  });

  it('given the submission is gone, when the process ends, then a warning and no error (nothing to re-deliver)', async () => {
    missing = true;
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);

    await expect(sut.record(snapshot())).resolves.toBeUndefined();

    expect(warn).toHaveBeenCalledWith('instance instance-1 ended for a missing submission');
    warn.mockRestore();
  });
});
