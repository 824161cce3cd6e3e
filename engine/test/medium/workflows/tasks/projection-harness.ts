import { MongooseModule } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { Clock } from '../../../../src/modules/auth/clock';
import { WorkflowDeployments } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import { WorkflowRuntime } from '../../../../src/modules/workflows/runtime/workflow-runtime';
import { TaskInstanceStore } from '../../../../src/modules/workflows/tasks/task-instance-store';
import { TASK_MODEL_DEFINITIONS } from '../../../../src/modules/workflows/tasks/task-models';
import { TaskProjection } from '../../../../src/modules/workflows/tasks/task-projection';
import { TaskStore } from '../../../../src/modules/workflows/tasks/task-store';
import { TimelineStore } from '../../../../src/modules/workflows/tasks/timeline-store';
import { ManualClock } from '../../../support/auth-helpers';
import type { TestDatabase } from '../../../support/test-database';
import { FakeDeployments, reviewDefinition, ScriptedRuntime } from './task-fixtures';

/** The projection and its stores on a test database, fed by a scripted runtime. */
export async function startProjection(database: TestDatabase) {
  const runtime = new ScriptedRuntime();
  const clock = new ManualClock();
  const deployments = new FakeDeployments().add(reviewDefinition());
  const moduleRef = await Test.createTestingModule({
    imports: [
      MongooseModule.forRoot(database.uri, { dbName: database.name }),
      MongooseModule.forFeature(TASK_MODEL_DEFINITIONS),
    ],
    providers: [
      TaskStore,
      TimelineStore,
      TaskInstanceStore,
      TaskProjection,
      { provide: Clock, useValue: clock },
      { provide: WorkflowDeployments, useValue: deployments },
      { provide: WorkflowRuntime, useValue: runtime },
    ],
  }).compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return {
    runtime,
    clock,
    deployments,
    projection: moduleRef.get(TaskProjection),
    tasks: moduleRef.get(TaskStore),
    timeline: moduleRef.get(TimelineStore),
    close: () => moduleRef.close(),
  };
}
