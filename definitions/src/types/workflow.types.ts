import type { LocalizedText } from './common.types';

/** The form and assignees of one BPMN user task, keyed by the task's id in the XML. */
export interface WorkflowUserTask {
  readonly taskId: string;
  /** Key of the form filled at this task (its latest published version unless pinned). */
  readonly form?: string;
  readonly formVersion?: number;
  readonly candidateGroups?: readonly string[];
}

/** A BPMN process (XML kept verbatim) plus the metadata the engine needs to run it. */
export interface WorkflowDefinition {
  readonly kind: 'workflow';
  readonly key: string;
  readonly version: number;
  readonly title: LocalizedText;
  /** BPMN 2.0 XML of the process, in the portable subset checked at deploy. */
  readonly bpmn: string;
  /** Form whose submission starts the process, if any. */
  readonly startForm?: string;
  readonly userTasks: readonly WorkflowUserTask[];
  /** Which region level owns the instances (tasks are scoped to the submitter's node at that level). */
  readonly jurisdiction: 'province' | 'city' | 'district' | 'institution';
}
