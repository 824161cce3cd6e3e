import type { WorkflowDefinition } from '@sentinel/definitions';
import type { WorkflowLintProblem } from '../runtime';
import type { WorkflowLintContext } from './bpmn-contract';
import type { SubsetFacts } from './bpmn-subset';
import { isIsoDuration } from './iso-time';
import { LintCode, pointerSegment, problem } from './lint-problems';

/** Variables every instance has: set at start by the outbox starter or per task by the task API. */
export const SYSTEM_VARIABLES = ['submissionId', 'formKey', 'institutionId', 'reason', 'comment'];
/** Variables Camunda and bpmn-engine set inside a multi-instance task. */
export const MULTI_INSTANCE_VARIABLES = [
  'nrOfInstances',
  'nrOfCompletedInstances',
  'nrOfActiveInstances',
  'loopCounter',
];
/** bpmn-engine keeps these names for itself: a process variable so named is lost. */
export const ENGINE_RESERVED_NAMES = ['fields', 'content', 'properties'];

const RESERVED = new Set([
  ...ENGINE_RESERVED_NAMES,
  ...SYSTEM_VARIABLES,
  ...MULTI_INSTANCE_VARIABLES,
]);

type FormFields = Awaited<ReturnType<WorkflowLintContext['formFields']>>;

/**
 * Cross-checks of the definition's metadata against the XML and the published forms: the task
 * list matches, roles exist, forms are published and non-personal, and every variable an
 * expression reads is set by someone.
 */
export async function checkMetadata(
  definition: WorkflowDefinition,
  context: WorkflowLintContext,
  facts: SubsetFacts,
): Promise<WorkflowLintProblem[]> {
  const problems: WorkflowLintProblem[] = [];
  const defined = new Set<string>([...SYSTEM_VARIABLES, ...MULTI_INSTANCE_VARIABLES]);
  const reserved = (path: string, name: string) =>
    problems.push(
      problem(
        path,
        LintCode.reservedVariable,
        `变量名“${name}”已被系统占用`,
        `The variable name "${name}" is reserved`,
      ),
    );

  for (const [name] of Object.entries(definition.parameters ?? {})) {
    if (RESERVED.has(name)) reserved(`/parameters/${pointerSegment(name)}`, name);
    defined.add(name);
  }
  await checkStart(definition, context, problems, defined, reserved);
  for (const task of facts.userTasks) if (task.elementVariable) defined.add(task.elementVariable);
  await checkTasks(definition, context, facts, problems, defined, reserved);

  for (const use of facts.expressions) {
    for (const name of use.identifiers)
      if (!defined.has(name))
        problems.push(
          problem(
            '/bpmn',
            LintCode.undefinedVariable,
            `表达式读取的变量“${name}”没有来源（参数、启动变量、任务表单或决定）`,
            `The expression reads "${name}", which no parameter, start variable, task form or decision sets`,
            use.elementId,
          ),
        );
    const variable = use.durationOf;
    if (variable === undefined) continue;
    const parameter = definition.parameters?.[variable];
    if (parameter !== undefined && (typeof parameter !== 'string' || !isIsoDuration(parameter)))
      problems.push(
        problem(
          `/parameters/${pointerSegment(variable)}`,
          LintCode.invalidDuration,
          `参数“${variable}”被定时器当作时长读取，须为 ISO 8601 时长（如 PT24H）`,
          `Parameter "${variable}" is read by a timer as a duration: it must be an ISO 8601 duration (e.g. PT24H)`,
          use.elementId,
        ),
      );
  }
  return problems;
}

async function checkStart(
  definition: WorkflowDefinition,
  context: WorkflowLintContext,
  problems: WorkflowLintProblem[],
  defined: Set<string>,
  reserved: (path: string, name: string) => void,
): Promise<void> {
  const startVariables = Object.entries(definition.startVariables ?? {});
  const needsForm = (path: string) =>
    problems.push(
      problem(
        path,
        LintCode.startFormRequired,
        '须先设置启动表单 startForm',
        'Set startForm first',
      ),
    );
  if (definition.startForm === undefined) {
    if (startVariables.length > 0) needsForm('/startVariables');
    if (definition.startWhenDerived !== undefined) needsForm('/startWhenDerived');
    if (definition.scopeRegionField !== undefined) needsForm('/scopeRegionField');
    return;
  }
  const fields = await context.formFields(definition.startForm);
  if (fields === null) problems.push(notPublished('/startForm', definition.startForm));
  for (const [name, fieldKey] of startVariables) {
    const path = `/startVariables/${pointerSegment(name)}`;
    if (RESERVED.has(name)) reserved(path, name);
    defined.add(name);
    if (fields === null) continue;
    const field = fields.find((f) => f.key === fieldKey);
    if (field === undefined)
      problems.push(
        problem(
          path,
          LintCode.unknownField,
          `启动表单 ${definition.startForm} 没有字段“${fieldKey}”`,
          `The start form ${definition.startForm} has no field "${fieldKey}"`,
        ),
      );
    else if (field.personal) problems.push(personal(path, [fieldKey]));
  }
  const regionField = definition.scopeRegionField;
  if (regionField !== undefined && fields !== null) {
    const field = fields.find((f) => f.key === regionField);
    if (field === undefined)
      problems.push(
        problem(
          '/scopeRegionField',
          LintCode.unknownField,
          `启动表单 ${definition.startForm} 没有字段“${regionField}”`,
          `The start form ${definition.startForm} has no field "${regionField}"`,
        ),
      );
    else if (field.personal) problems.push(personal('/scopeRegionField', [regionField]));
  }
  if (definition.startWhenDerived !== undefined) {
    const derived = await context.formDerived(definition.startForm);
    if (derived === null || !derived.includes(definition.startWhenDerived))
      problems.push(
        problem(
          '/startWhenDerived',
          LintCode.unknownDerived,
          `启动表单 ${definition.startForm} 没有派生值“${definition.startWhenDerived}”`,
          `The start form ${definition.startForm} has no derived value "${definition.startWhenDerived}"`,
        ),
      );
  }
}

async function checkTasks(
  definition: WorkflowDefinition,
  context: WorkflowLintContext,
  facts: SubsetFacts,
  problems: WorkflowLintProblem[],
  defined: Set<string>,
  reserved: (path: string, name: string) => void,
): Promise<void> {
  const xmlTasks = new Map(facts.userTasks.map((t) => [t.id, t]));
  const described = new Set<string>();
  const startSet = new Set([
    ...Object.keys(definition.startVariables ?? {}),
    ...Object.keys(definition.parameters ?? {}),
  ]);
  for (const [i, task] of definition.userTasks.entries()) {
    const at = (property: string) => `/userTasks/${i}/${property}`;
    const xml = xmlTasks.get(task.taskId);
    if (described.has(task.taskId))
      problems.push(
        problem(
          at('taskId'),
          LintCode.duplicateTask,
          `任务 ${task.taskId} 重复描述`,
          `Task ${task.taskId} is described twice`,
        ),
      );
    described.add(task.taskId);
    if (xml === undefined)
      problems.push(
        problem(
          at('taskId'),
          LintCode.taskNotInBpmn,
          `BPMN 中没有用户任务 ${task.taskId}`,
          `The BPMN XML has no user task ${task.taskId}`,
        ),
      );
    const groups = task.candidateGroups ?? xml?.candidateGroups ?? [];
    if (
      task.candidateGroups !== undefined &&
      xml !== undefined &&
      !sameSet(task.candidateGroups, xml.candidateGroups)
    )
      problems.push(
        problem(
          at('candidateGroups'),
          LintCode.candidateGroupsMismatch,
          `候选角色须与 BPMN 中的 camunda:candidateGroups（${xml.candidateGroups.join(', ')}）一致`,
          `Candidate groups must equal camunda:candidateGroups in the XML (${xml.candidateGroups.join(', ')})`,
        ),
      );
    for (const [j, group] of groups.entries())
      if (!context.knownRoles.includes(group))
        problems.push(
          problem(
            task.candidateGroups === undefined ? '/bpmn' : `${at('candidateGroups')}/${j}`,
            LintCode.unknownRole,
            `未知角色“${group}”`,
            `Unknown role "${group}"`,
            task.candidateGroups === undefined ? task.taskId : undefined,
          ),
        );
    const decision = task.decisionVariable ?? 'decision';
    if (RESERVED.has(decision)) reserved(at('decisionVariable'), decision);
    defined.add(decision);
    for (const property of ['dueAfter', 'remindAfter'] as const) {
      const value = task[property];
      if (value !== undefined && !isIsoDuration(value))
        problems.push(
          problem(
            at(property),
            LintCode.invalidDuration,
            `“${value}”不是 ISO 8601 时长（如 P3D、PT4H）`,
            `"${value}" is not an ISO 8601 duration (e.g. P3D, PT4H)`,
          ),
        );
    }
    if (task.organisationVariable !== undefined && !startSet.has(task.organisationVariable))
      problems.push(
        problem(
          at('organisationVariable'),
          LintCode.undefinedVariable,
          `机构变量“${task.organisationVariable}”须在启动时设置（startVariables 或 parameters）`,
          `The organisation variable "${task.organisationVariable}" must be set at start (startVariables or parameters)`,
        ),
      );
    if (task.form !== undefined)
      checkTaskForm(
        await context.formFields(task.form),
        task.form,
        at('form'),
        problems,
        defined,
        reserved,
      );
  }
  for (const xml of facts.userTasks)
    if (!described.has(xml.id))
      problems.push(
        problem(
          '/userTasks',
          LintCode.taskNotDescribed,
          `用户任务 ${xml.id} 在 userTasks 中没有描述`,
          `User task ${xml.id} has no entry in userTasks`,
          xml.id,
        ),
      );
}

function checkTaskForm(
  fields: FormFields,
  formKey: string,
  path: string,
  problems: WorkflowLintProblem[],
  defined: Set<string>,
  reserved: (path: string, name: string) => void,
): void {
  if (fields === null) {
    problems.push(notPublished(path, formKey));
    return;
  }
  const personalKeys = fields.filter((f) => f.personal).map((f) => f.key);
  if (personalKeys.length > 0) problems.push(personal(path, personalKeys));
  for (const field of fields) {
    if (RESERVED.has(field.key)) reserved(path, field.key);
    if (!field.personal) defined.add(field.key);
  }
}

function notPublished(path: string, formKey: string): WorkflowLintProblem {
  return problem(
    path,
    LintCode.formNotPublished,
    `表单 ${formKey} 不存在或未发布`,
    `Form ${formKey} does not exist or is not published`,
  );
}

function personal(path: string, keys: readonly string[]): WorkflowLintProblem {
  return problem(
    path,
    LintCode.personalField,
    `个人信息字段不能成为流程变量：${keys.join('、')}`,
    `Personal fields cannot become process variables: ${keys.join(', ')}`,
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
