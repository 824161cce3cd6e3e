import clinicQualificationReview from '../content/workflows/clinic-qualification-review.json';
import clueReportWorkflow from '../content/workflows/clue-report.json';
import feverReferral from '../content/workflows/fever-referral.json';
import institutionInfoReview from '../content/workflows/institution-info-review.json';
import prescriptionAudit from '../content/workflows/prescription-audit.json';
import clueFeedbackForm from '../content/forms/clue-feedback.json';
import clueReportForm from '../content/forms/clue-report.json';
import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { runGoldenCases } from '../src/golden/golden-runner';
import { checkForm } from '../src/model/compile-form';
import type { FieldDefinition, FormDefinition, FormNode } from '../src/types/form.types';
import type { WorkflowDefinition } from '../src/types/workflow.types';
import { loadAllDictionaries, loadAllForms } from './content-loader';
import { makeMetaSchemaAjv as makeAjv } from './factories/meta-schema-ajv';

/**
 * The province's workflows (issue 5) and the two forms of the clue process. The BPMN itself is
 * linted by the engine (engine/src/modules/workflows/bpmn/content-workflows.spec.ts); here the
 * meta-schema and the references between workflows and forms are checked.
 */
const WORKFLOWS = [
  clinicQualificationReview,
  clueReportWorkflow,
  feverReferral,
  institutionInfoReview,
  prescriptionAudit,
] as unknown as WorkflowDefinition[];
const CLUE_FORMS = [clueReportForm, clueFeedbackForm] as unknown as FormDefinition[];

/** Every form: the shared loader's, plus the clue forms in case the loader does not list them yet. */
const FORMS = new Map<string, FormDefinition>(
  [...loadAllForms(), ...CLUE_FORMS].map((f) => [f.key, f] as const),
);

const fs = jest.requireActual<{ readdirSync(dir: string): string[] }>('fs');

function fieldsOf(nodes: readonly FormNode[]): FieldDefinition[] {
  return nodes.flatMap((n) => (n.kind === 'field' ? [n] : fieldsOf(n.children)));
}

describe('province content: workflows', () => {
  const ajv = makeAjv();

  it('given the workflows folder, when listed, then every file is covered by this spec', () => {
    const root = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
    const files = fs
      .readdirSync(`${root}/content/workflows`)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    expect(files).toEqual(WORKFLOWS.map((w) => w.key).sort());
  });

  describe.each(WORKFLOWS.map((w) => [w.key, w] as const))('workflow %s', (_key, workflow) => {
    it('given the meta-schema, when validated, then it is accepted', () => {
      expect(ajv.workflow(workflow) ? null : ajv.workflow.errors).toBeNull();
    });

    it('given its start form and task forms, when looked up, then each is a content form', () => {
      const forms = [workflow.startForm, ...workflow.userTasks.map((t) => t.form)].filter(
        (f): f is string => f !== undefined,
      );
      expect(forms.filter((f) => !FORMS.has(f))).toEqual([]);
    });

    it('given its user tasks, when looked up in the XML, then each is a user task there with the same candidate groups', () => {
      for (const task of workflow.userTasks) {
        const element = new RegExp(`<bpmn:userTask id="${task.taskId}"[^>]*>`).exec(
          workflow.bpmn,
        )?.[0];
        expect({ task: task.taskId, found: element !== undefined }).toEqual({
          task: task.taskId,
          found: true,
        });
        const groups = /camunda:candidateGroups="([^"]*)"/.exec(element ?? '')?.[1];
        expect(groups?.split(',').map((g) => g.trim())).toEqual(task.candidateGroups);
      }
    });

    it('given its texts, when read, then the title and description are bilingual', () => {
      expect(workflow.title.zh).not.toBe('');
      expect(workflow.title.en).not.toBe('');
      expect(workflow.description?.zh).toBeTruthy();
      expect(workflow.description?.en).toBeTruthy();
    });
  });

  it('given the fever referral, when checked against the visit report, then it starts on the fever flag and copies a non-personal field', () => {
    const report = FORMS.get('patient-visit-report');
    expect(report?.derived?.map((d) => d.key)).toContain(feverReferral.startWhenDerived);
    const field = fieldsOf(report?.items ?? []).find((f) => f.key === 'referralInstitution');
    expect(field).toMatchObject({ type: 'lookup', dictionary: 'fever-clinics' });
    expect(field?.personal).toBeUndefined();
  });

  it('given the qualification form, when read, then any institution may file it', () => {
    expect(FORMS.get('clinic-qualification')?.filers).toBe('any-institution');
  });
});

describe.each(CLUE_FORMS.map((f) => [f.key, f] as const))(
  'province content: form %s',
  (_key, form) => {
    const ajv = makeAjv();
    const dictionaries = indexDictionaries(loadAllDictionaries());

    it('given the meta-schema and the static checks, when checked, then there is no problem', () => {
      expect(ajv.form(form) ? null : ajv.form.errors).toBeNull();
      expect(checkForm(form, dictionaries)).toEqual([]);
    });

    it('given its golden cases, when run, then 3 to 8 cases all pass and one refuses an unknown field', () => {
      const results = runGoldenCases(form, { dictionaries });
      expect(results.length).toBeGreaterThanOrEqual(3);
      expect(results.length).toBeLessThanOrEqual(8);
      expect(results.filter((r) => !r.passed)).toEqual([]);
      const codes = (form.goldenCases ?? []).flatMap((c) =>
        (c.expect.errors ?? []).map((e) => e.code),
      );
      expect(codes).toContain('unknown-field');
    });
  },
);

describe('province content: the clue forms', () => {
  it('given the clue report, when listed, then the person’s name, phone and place are personal and nothing else', () => {
    const personal = fieldsOf(clueReportForm.items as unknown as FormNode[])
      .filter((f) => f.personal !== undefined)
      .map((f) => [f.key, f.personal]);
    expect(personal).toEqual([
      ['personName', 'name'],
      ['personPhone', 'phone'],
      ['placeDetail', 'address'],
    ]);
  });

  it('given the clue feedback, a task form, when listed, then no field is personal', () => {
    const fields = fieldsOf(clueFeedbackForm.items as unknown as FormNode[]);
    expect(fields.map((f) => f.key)).toEqual(['visitDate', 'visitResult', 'feedback']);
    expect(fields.filter((f) => f.personal !== undefined)).toEqual([]);
  });
});
