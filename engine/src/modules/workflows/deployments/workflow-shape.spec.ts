import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../config';
import { WorkflowShapeChecker } from './workflow-shape';

const content = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      join(REPO_ROOT, 'definitions/content/workflows/clinic-qualification-review.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;

describe('WorkflowShapeChecker', () => {
  const sut = new WorkflowShapeChecker();

  it('given a content workflow, when checked, then it has no meta-schema problem', () => {
    expect(sut.problems(content())).toEqual([]);
  });

  it('given an unknown property and a bad jurisdiction, when checked, then each is located by a pointer', () => {
    const problems = sut.problems({ ...content(), colour: 'red', jurisdiction: 'planet' });

    expect(problems.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ['/colour', 'schema-additionalProperties'],
        ['/jurisdiction', 'schema-enum'],
      ]),
    );
  });

  it('given a user task without taskId, when checked, then the task is named by its index', () => {
    const problems = sut.problems({ ...content(), userTasks: [{ candidateGroups: ['doctor'] }] });

    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/userTasks/0', code: 'schema-required' }),
    );
  });
});
