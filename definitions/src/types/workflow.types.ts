import type { LocalizedText } from './common.types';

/**
 * Decisions an approver can take at a user task. The chosen one is written to the task's
 * `decisionVariable` (default `decision`) so exclusive gateways can route on it
 * (`${decision == 'approve'}`); `reject` and `return` require a reason.
 */
export const WORKFLOW_ACTIONS = ['approve', 'reject', 'return', 'confirm', 'complete'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Actions whose reason is mandatory (a Chinese approver must say why 驳回 / 退回). */
export const ACTIONS_NEEDING_REASON: readonly WorkflowAction[] = ['reject', 'return'];

/** The form, assignees, decisions and deadlines of one BPMN user task, keyed by its id in the XML. */
export interface WorkflowUserTask {
  readonly taskId: string;
  /** Title shown in task lists (defaults to the BPMN element's name). */
  readonly title?: LocalizedText;
  /**
   * Key of the form filled at this task (its latest published version unless pinned). Its values
   * become process variables, so a task form may not contain personal fields.
   */
  readonly form?: string;
  readonly formVersion?: number;
  /** Engine roles that may claim the task; must match `camunda:candidateGroups` in the XML. */
  readonly candidateGroups?: readonly string[];
  /** Decisions offered; default `['complete']`. */
  readonly actions?: readonly WorkflowAction[];
  /** Process variable the decision is written to; default `decision`. */
  readonly decisionVariable?: string;
  /** ISO 8601 duration from creation to the due date shown to assignees (e.g. `P3D`). */
  readonly dueAfter?: string;
  /** ISO 8601 duration from creation after which an untouched task reminds its candidates. */
  readonly remindAfter?: string;
  /**
   * The task belongs to the organisation whose code is in this process variable (e.g. the fever
   * clinic chosen in `referralInstitution`), instead of the instance's institution or region.
   */
  readonly organisationVariable?: string;
}

/** A BPMN process (XML kept verbatim) plus the metadata the engine needs to run it. */
export interface WorkflowDefinition {
  readonly kind: 'workflow';
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  /** BPMN 2.0 XML of the process, in the portable subset checked at deploy. */
  readonly bpmn: string;
  /** Form whose accepted submission starts the process (once per submission), if any. */
  readonly startForm?: string;
  /** Start only when this boolean derived value of the start form is true (e.g. `fever`). */
  readonly startWhenDerived?: string;
  /**
   * Process variables copied from the starting submission: variable name → field key of the start
   * form. Only non-personal fields may be copied (checked at deploy).
   */
  readonly startVariables?: Readonly<Record<string, string>>;
  /**
   * The instance belongs to the region chosen in this non-personal region field of the start form
   * (e.g. where a clue was found, seed 003) instead of the filing institution's district, so the
   * tasks go to that region's officials. An unknown or empty code falls back to the filer's.
   */
  readonly scopeRegionField?: string;
  /**
   * Defaults of process variables a provincial admin may change by deploying a new version
   * (e.g. `escalateAfter: "PT24H"` read by a timer as `${escalateAfter}`).
   */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  readonly userTasks: readonly WorkflowUserTask[];
  /** Which region level owns the instances (tasks are scoped to the submitter's node at that level). */
  readonly jurisdiction: 'province' | 'city' | 'district' | 'institution';
}
