import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ApiError } from '../../../common/errors';
import type { AppConfig } from '../../../config';
import { WorkflowErrors, type WorkflowDeployment } from '../runtime';
import type { WorkflowDeployer } from './workflow-deployer';
import type { WorkflowDeploymentStore } from './workflow-deployment-store';
import { ContentWorkflowInvalidError, WorkflowSeeder } from './workflow-seeder';

type Deploy = WorkflowDeployer['deploy'];

function seederWith(deploy: Deploy, latestVersion: number | null = null) {
  const deployer = { deploy: jest.fn(deploy) };
  const store = {
    latest: async () =>
      latestVersion === null ? null : ({ version: latestVersion } as WorkflowDeployment),
  };
  const sut = new WorkflowSeeder(
    { seedContent: true } as AppConfig,
    deployer as unknown as WorkflowDeployer,
    store as unknown as WorkflowDeploymentStore,
  );
  return { sut, deployer };
}

const deployed = (created: boolean) =>
  (async () => ({ created, deployment: {} as WorkflowDeployment })) as Deploy;

describe('WorkflowSeeder', () => {
  let dir: string;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'workflow-seed-'));
    writeFileSync(join(dir, 'b-flow.json'), JSON.stringify({ key: 'b-flow', version: 1 }));
    writeFileSync(join(dir, 'a-flow.json'), JSON.stringify({ key: 'a-flow', version: 1 }));
    writeFileSync(join(dir, 'notes.txt'), 'not a workflow');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given workflow files, when seeded, then each is deployed as system in name order and reported', async () => {
    const { sut, deployer } = seederWith(deployed(true));

    const seeding = await sut.seed(dir);

    expect(
      deployer.deploy.mock.calls.map(([d, actor]) => [(d as { key: string }).key, actor]),
    ).toEqual([
      ['a-flow', 'system'],
      ['b-flow', 'system'],
    ]);
    expect(seeding).toEqual({ deployed: ['a-flow', 'b-flow'], unchanged: [], kept: [] });
  });

  it('given unchanged files, when seeded again, then they are reported unchanged', async () => {
    const { sut } = seederWith(deployed(false));

    expect(await sut.seed(dir)).toEqual({
      deployed: [],
      unchanged: ['a-flow', 'b-flow'],
      kept: [],
    });
  });

  it('given a file the lint refuses, when seeded, then boot fails with its problems', async () => {
    const refusal = WorkflowErrors.lintFailed([
      {
        path: '/userTasks/0/candidateGroups/0',
        code: 'unknown-candidate-group',
        message: { zh: '未知角色', en: 'Unknown role' },
      },
    ]);
    const { sut } = seederWith(async () => Promise.reject(refusal));

    const failure = sut.seed(dir);

    await expect(failure).rejects.toBeInstanceOf(ContentWorkflowInvalidError);
    await expect(failure).rejects.toThrow(
      'a-flow.json cannot be deployed: /userTasks/0/candidateGroups/0 unknown-candidate-group: Unknown role',
    );
  });

  it('given a later version deployed by an admin, when the older file is seeded, then the stored one is kept', async () => {
    const conflict = WorkflowErrors.versionNotNewer('a-flow', 2);
    const { sut } = seederWith(async () => Promise.reject(conflict), 2);

    expect((await sut.seed(dir)).kept).toEqual(['a-flow', 'b-flow']);
  });

  it('given a file whose text changed without a new version number, when seeded, then boot fails', async () => {
    const conflict: ApiError = WorkflowErrors.versionNotNewer('a-flow', 1);
    const { sut } = seederWith(async () => Promise.reject(conflict), 1);

    await expect(sut.seed(dir)).rejects.toBeInstanceOf(ContentWorkflowInvalidError);
  });

  it('given no folder, when seeded, then nothing is deployed', async () => {
    const { sut, deployer } = seederWith(deployed(true));

    expect(await sut.seed(join(dir, 'missing'))).toEqual({ deployed: [], unchanged: [], kept: [] });
    expect(deployer.deploy).not.toHaveBeenCalled();
  });
});
