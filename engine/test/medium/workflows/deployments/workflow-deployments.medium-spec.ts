import { definitionChecksum } from '../../../../src/modules/registry/canonical-json';
import { MongoWorkflowDeployments } from '../../../../src/modules/workflows/deployments/mongo-workflow-deployments';
import {
  WORKFLOW_DEPLOYMENT_MODEL,
  workflowDeploymentSchema,
  type WorkflowDeploymentRecord,
} from '../../../../src/modules/workflows/deployments/workflow-deployment.schema';
import { WorkflowVersionConflictError } from '../../../../src/modules/workflows/deployments/workflow-deployments';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { singleTaskBpmn, singleTaskWorkflow as workflow } from './workflow-fixtures';

const T1 = new Date('2026-03-01T08:00:00Z');
const T2 = new Date('2026-03-02T08:00:00Z');

describe('workflow deployments in the store', () => {
  let database: TestDatabase;
  let sut: MongoWorkflowDeployments;

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    sut = new MongoWorkflowDeployments(
      database.connection.model<WorkflowDeploymentRecord>(
        WORKFLOW_DEPLOYMENT_MODEL,
        workflowDeploymentSchema,
      ),
    );
    await sut.onModuleInit();
  });

  afterAll(async () => {
    await database.drop();
  });

  beforeEach(async () => {
    await database.connection.collection('workflow_deployments').deleteMany({});
  });

  const stored = () => database.connection.collection('workflow_deployments').countDocuments();

  it('given a first version, when saved, then it is created with the process id, the SM3 checksum without version and who deployed it', async () => {
    const outcome = await sut.saveLinted(workflow(), 'review', 'admin-1', T1);

    expect(outcome.created).toBe(true);
    expect(await sut.latest('single-review')).toEqual({
      key: 'single-review',
      version: 1,
      processId: 'review',
      definition: workflow(),
      checksum: definitionChecksum({ ...workflow(), version: 99 }),
      deployedAt: T1,
      deployedBy: 'admin-1',
    });
    expect(outcome.deployment.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('given the same text with keys reordered, a $schema hint and another version number, when saved, then no version is added', async () => {
    await sut.saveLinted(workflow(), 'review', 'admin-1', T1);
    const { jurisdiction, title, ...rest } = workflow({ version: 5 });

    const again = await sut.saveLinted(
      { jurisdiction, ...rest, title, $schema: '../schema.json' } as never,
      'review',
      'system',
      T2,
    );

    expect(again.created).toBe(false);
    expect(again.deployment).toMatchObject({ version: 1, deployedBy: 'admin-1', deployedAt: T1 });
    expect(await stored()).toBe(1);
  });

  it('given v1 then v2 with other text, when read, then both versions stay and the latest is v2', async () => {
    await sut.saveLinted(workflow(), 'review', 'admin-1', T1);
    const v2 = workflow({ version: 2, parameters: { escalateAfter: 'PT12H' } });

    const outcome = await sut.saveLinted(v2, 'review', 'admin-2', T2);

    expect(outcome.created).toBe(true);
    expect((await sut.latest('single-review'))?.definition).toEqual(v2);
    expect((await sut.version('single-review', 1))?.definition).toEqual(workflow());
    expect(await sut.versions('single-review')).toEqual([
      expect.objectContaining({ version: 1, deployedBy: 'admin-1', deployedAt: T1 }),
      expect.objectContaining({ version: 2, deployedBy: 'admin-2', deployedAt: T2 }),
    ]);
    expect(await sut.version('single-review', 3)).toBeNull();
  });

  it('given other text whose version is not above the latest, when saved, then WorkflowVersionConflictError names the latest', async () => {
    await sut.saveLinted(workflow({ version: 2 }), 'review', 'admin-1', T1);

    for (const version of [1, 2]) {
      const changed = workflow({ version, title: { zh: '改', en: 'Changed' } });
      await expect(sut.saveLinted(changed, 'review', 'admin-1', T2)).rejects.toEqual(
        new WorkflowVersionConflictError('single-review', 2),
      );
    }
    expect(await stored()).toBe(1);
  });

  it('given two different texts racing for the same new version, when saved together, then one is created and the other conflicts', async () => {
    const results = await Promise.allSettled([
      sut.saveLinted(workflow({ title: { zh: '甲', en: 'A' } }), 'review', 'a', T1),
      sut.saveLinted(workflow({ title: { zh: '乙', en: 'B' } }), 'review', 'b', T1),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(WorkflowVersionConflictError);
    expect(await stored()).toBe(1);
  });

  it('given the port’s save without a lint, when saved, then the process id is read from the XML', async () => {
    const outcome = await sut.save(workflow({ bpmn: singleTaskBpmn('fromXml') }), 'system', T1);

    expect(outcome.deployment.processId).toBe('fromXml');
  });

  it('given workflows started by forms, when asked per form, then only latest versions still naming the form answer', async () => {
    await sut.saveLinted(workflow({ key: 'a-flow', startForm: 'visit' }), 'review', 's', T1);
    await sut.saveLinted(workflow({ key: 'b-flow', startForm: 'visit' }), 'review', 's', T1);
    await sut.saveLinted(
      workflow({ key: 'b-flow', version: 2, startForm: 'prescription' }),
      'review',
      's',
      T2,
    );
    await sut.saveLinted(workflow({ key: 'c-flow' }), 'review', 's', T1);

    expect((await sut.startedByForm('visit')).map((d) => [d.key, d.version])).toEqual([
      ['a-flow', 1],
    ]);
    expect((await sut.startedByForm('prescription')).map((d) => [d.key, d.version])).toEqual([
      ['b-flow', 2],
    ]);
    expect(await sut.startedByForm('unknown')).toEqual([]);
    expect((await sut.list()).map((d) => [d.key, d.version])).toEqual([
      ['a-flow', 1],
      ['b-flow', 2],
      ['c-flow', 1],
    ]);
  });
});
