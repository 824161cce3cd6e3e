import { getModelToken, MongooseModule } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Test } from '@nestjs/testing';
import { AuditLog } from '../../../../src/modules/audit/audit-log';
import { Clock } from '../../../../src/common/clock';
import { WorkflowDeployments } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { CompletionRecorder } from '../../../../src/modules/workflows/tasks/completion-recorder';
import { CompletionStore } from '../../../../src/modules/workflows/tasks/completion-store';
import { TaskDeployments } from '../../../../src/modules/workflows/tasks/task-deployments';
import { TaskInstanceStore } from '../../../../src/modules/workflows/tasks/task-instance-store';
import {
  TASK_MODEL,
  TASK_MODEL_DEFINITIONS,
} from '../../../../src/modules/workflows/tasks/task-models';
import { TaskProjection } from '../../../../src/modules/workflows/tasks/task-projection';
import { TaskStore } from '../../../../src/modules/workflows/tasks/task-store';
import { TimelineStore } from '../../../../src/modules/workflows/tasks/timeline-store';
import { ManualClock } from '../../../support/auth-helpers';
import type { TestDatabase } from '../../../support/test-database';
import { RecordingAudit } from '../../submissions/submission-fixtures';
import { FakeDeployments, reviewDefinition, ScriptedRuntime } from './task-fixtures';

/** The projection, the completion lifecycle and their stores on a test database, fed by a scripted runtime. */
export async function startProjection(database: TestDatabase) {
  const runtime = new ScriptedRuntime();
  const clock = new ManualClock();
  const audit = new RecordingAudit();
  const deployments = new FakeDeployments().add(reviewDefinition());
  const moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(database.uri, { dbName: database.name }),
      MongooseModule.forFeature(TASK_MODEL_DEFINITIONS),
    ],
    providers: [
      TaskStore,
      CompletionStore,
      CompletionRecorder,
      TimelineStore,
      TaskInstanceStore,
      TaskDeployments,
      TaskProjection,
      { provide: Clock, useValue: clock },
      { provide: AuditLog, useValue: audit },
      { provide: WorkflowDeployments, useValue: deployments },
      { provide: WorkflowRuntime, useValue: runtime },
    ],
  }).compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  // Unique indexes (the countersign signature) must exist before a test races on them.
  await moduleRef.get<Model<unknown>>(getModelToken(TASK_MODEL)).init();
  return {
    runtime,
    clock,
    audit,
    deployments,
    moduleRef,
    projection: moduleRef.get(TaskProjection),
    tasks: moduleRef.get(TaskStore),
    completions: moduleRef.get(CompletionStore),
    recorder: moduleRef.get(CompletionRecorder),
    timeline: moduleRef.get(TimelineStore),
    close: () => moduleRef.close(),
  };
}
