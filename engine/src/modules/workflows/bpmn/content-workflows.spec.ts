import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormDefinition, FormNode, WorkflowDefinition } from '@sentinel/definitions';
import { ROLES } from '../../../common/auth/roles';
import type { WorkflowLintContext } from './bpmn-contract';
import { lintWorkflow } from './workflow-lint';

/** The province's content, read from the definitions package as the deployer will. */
const CONTENT = join(__dirname, '../../../../../definitions/content');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const listJson = (dir: string): string[] =>
  readdirSync(join(CONTENT, dir))
    .filter((f) => f.endsWith('.json'))
    .sort();

const FORMS = new Map(
  listJson('forms').map((f) => {
    const form = readJson<FormDefinition>(join(CONTENT, 'forms', f));
    return [form.key, form] as const;
  }),
);
const WORKFLOWS = listJson('workflows').map((f) =>
  readJson<WorkflowDefinition>(join(CONTENT, 'workflows', f)),
);

function fieldsOf(nodes: readonly FormNode[]): { key: string; personal: boolean }[] {
  return nodes.flatMap((n) =>
    n.kind === 'field'
      ? [{ key: n.key, personal: n.personal !== undefined }]
      : fieldsOf(n.children),
  );
}

/** The lint context of a provincial deployment: the three worker topics, every engine role. */
export const CONTENT_LINT_CONTEXT: WorkflowLintContext = {
  knownTopics: ['institution-status', 'submission-release', 'notify-cdc'],
  knownRoles: ROLES,
  formFields: async (key) => {
    const form = FORMS.get(key);
    return form === undefined ? null : fieldsOf(form.items);
  },
  formDerived: async (key) => FORMS.get(key)?.derived?.map((d) => d.key) ?? null,
};

describe('province content: workflows', () => {
  it('given the workflows folder, when listed, then it holds the five processes of issue 5', () => {
    expect(WORKFLOWS.map((w) => w.key).sort()).toEqual([
      'clinic-qualification-review',
      'clue-report',
      'fever-referral',
      'institution-info-review',
      'prescription-audit',
    ]);
  });

  it.each(WORKFLOWS.map((w) => [w.key, w] as const))(
    'given workflow %s, when linted against the content forms, then there is no problem',
    async (_key, workflow) => {
      const { problems, model } = await lintWorkflow(workflow, CONTENT_LINT_CONTEXT);
      expect(problems).toEqual([]);
      expect(model?.userTasks.map((t) => t.id).sort()).toEqual(
        workflow.userTasks.map((t) => t.taskId).sort(),
      );
    },
  );

  it('given the processes, when linted, then the models name the tasks, roles and topics the runtimes rely on', async () => {
    const models = new Map<string, unknown>();
    for (const workflow of WORKFLOWS)
      models.set(workflow.key, (await lintWorkflow(workflow, CONTENT_LINT_CONTEXT)).model);
    expect(models.get('clinic-qualification-review')).toEqual({
      processId: 'clinicQualificationReview',
      userTasks: [
        {
          id: 'districtReview',
          name: '区级审核',
          candidateGroups: ['district_reviewer'],
          multiInstance: false,
        },
        {
          id: 'resubmit',
          name: '诊所补正后重新提交',
          candidateGroups: ['clinic_admin'],
          multiInstance: false,
        },
      ],
      serviceTasks: [{ id: 'setInstitutionStatus', topic: 'institution-status' }],
    });
    expect(models.get('prescription-audit')).toMatchObject({
      processId: 'prescriptionAudit',
      serviceTasks: [{ id: 'releaseToPatient', topic: 'submission-release' }],
    });
    expect(models.get('fever-referral')).toMatchObject({
      processId: 'feverReferral',
      serviceTasks: [{ id: 'notifyCdc', topic: 'notify-cdc' }],
    });
    expect(models.get('institution-info-review')).toMatchObject({
      processId: 'institutionInfoReview',
      userTasks: [
        { id: 'insuranceReview', candidateGroups: ['insurance_reviewer'], multiInstance: true },
        { id: 'correctInfo', candidateGroups: ['clinic_admin'], multiInstance: false },
      ],
    });
    expect(models.get('clue-report')).toMatchObject({
      processId: 'clueReport',
      userTasks: [{ id: 'handlerVisit', candidateGroups: ['epidemic_handler'] }],
    });
  });

  it('given the qualification form, when read, then any institution may file it (a clinic under review must)', () => {
    expect(FORMS.get('clinic-qualification')?.filers).toBe('any-institution');
  });
});
