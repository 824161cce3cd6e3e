import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowDefinition } from '@sentinel/definitions';
import {
  WorkflowDeployments,
  type DeployOutcome,
} from '../../../../src/modules/workflows/deployments/workflow-deployments';
import type { WorkflowDeployment } from '../../../../src/modules/workflows/runtime/runtime.types';

const CONTENT_WORKFLOWS = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  'definitions',
  'content',
  'workflows',
);

const HEADER =
  '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
  'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://sentinel.example/bpmn">';

function bpmn(processId: string, body: string, roots = ''): string {
  return `${HEADER}${roots}<bpmn:process id="${processId}" isExecutable="true" camunda:historyTimeToLive="P180D">${body}</bpmn:process></bpmn:definitions>`;
}

const flow = (id: string, from: string, to: string, condition?: string) =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;

function workflow(
  key: string,
  xml: string,
  extra: Partial<WorkflowDefinition> = {},
): WorkflowDefinition {
  return {
    kind: 'workflow',
    key,
    version: 1,
    title: { zh: key, en: key },
    bpmn: xml,
    userTasks: [],
    jurisdiction: 'district',
    ...extra,
  };
}

/** Review → approve|reject → service task (institution-status) → end; return → resubmit → review. */
export const reviewLoop = workflow(
  'review-loop',
  bpmn(
    'reviewLoop',
    '<bpmn:startEvent id="submitted" />' +
      flow('f1', 'submitted', 'review') +
      '<bpmn:userTask id="review" name="区级审核" camunda:candidateGroups="district_reviewer" />' +
      flow('f2', 'review', 'decision') +
      '<bpmn:exclusiveGateway id="decision" />' +
      flow('approved', 'decision', 'setStatus', "${decision == 'approve'}") +
      flow('rejected', 'decision', 'setStatus', "${decision == 'reject'}") +
      flow('returned', 'decision', 'resubmit', "${decision == 'return'}") +
      '<bpmn:userTask id="resubmit" name="诊所补正" camunda:candidateGroups="clinic_admin" />' +
      flow('f3', 'resubmit', 'review') +
      '<bpmn:serviceTask id="setStatus" camunda:type="external" camunda:topic="institution-status" />' +
      flow('f4', 'setStatus', 'done') +
      '<bpmn:endEvent id="done" />',
  ),
);

/** notify-cdc → confirm (timer boundary `${escalateAfter}`) → escalated review. */
export const referral = workflow(
  'referral',
  bpmn(
    'referral',
    '<bpmn:startEvent id="start" />' +
      flow('f1', 'start', 'notifyCdc') +
      '<bpmn:serviceTask id="notifyCdc" camunda:type="external" camunda:topic="notify-cdc" />' +
      flow('f2', 'notifyCdc', 'confirmReferral') +
      '<bpmn:userTask id="confirmReferral" name="确认转诊" camunda:candidateGroups="fever_clinic" />' +
      '<bpmn:boundaryEvent id="referralOverdue" attachedToRef="confirmReferral" cancelActivity="true">' +
      '<bpmn:timerEventDefinition><bpmn:timeDuration>${escalateAfter}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
      flow('f3', 'confirmReferral', 'confirmed') +
      flow('f4', 'referralOverdue', 'escalatedReview') +
      '<bpmn:userTask id="escalatedReview" name="逾期复核" camunda:candidateGroups="district_reviewer" />' +
      flow('f5', 'escalatedReview', 'escalated') +
      '<bpmn:endEvent id="confirmed" /><bpmn:endEvent id="escalated" />',
  ),
  { parameters: { escalateAfter: 'PT24H' } },
);

/** 会签 of two with a veto: one reject or return ends the multi-instance. */
export const countersign = workflow(
  'countersign',
  bpmn(
    'countersign',
    '<bpmn:startEvent id="start" />' +
      flow('f1', 'start', 'insuranceReview') +
      '<bpmn:userTask id="insuranceReview" name="会签" camunda:candidateGroups="insurance_reviewer">' +
      '<bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:loopCardinality>2</bpmn:loopCardinality>' +
      "<bpmn:completionCondition>${decision == 'reject' || decision == 'return'}</bpmn:completionCondition>" +
      '</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>' +
      flow('f2', 'insuranceReview', 'decision') +
      '<bpmn:exclusiveGateway id="decision" default="approvedFlow" />' +
      flow('approvedFlow', 'decision', 'approvedEnd') +
      flow('vetoFlow', 'decision', 'vetoedEnd', "${decision != 'approve'}") +
      '<bpmn:endEvent id="approvedEnd" /><bpmn:endEvent id="vetoedEnd" />',
  ),
);

/** A job that may answer a business error, caught by an error boundary. */
export const eligibility = workflow(
  'eligibility',
  bpmn(
    'eligibility',
    '<bpmn:startEvent id="start" />' +
      flow('f1', 'start', 'checkEligibility') +
      '<bpmn:serviceTask id="checkEligibility" camunda:type="external" camunda:topic="eligibility" />' +
      '<bpmn:boundaryEvent id="notEligible" attachedToRef="checkEligibility"><bpmn:errorEventDefinition errorRef="notEligibleError" /></bpmn:boundaryEvent>' +
      flow('f2', 'checkEligibility', 'eligibleEnd') +
      flow('f3', 'notEligible', 'manualCheck') +
      '<bpmn:userTask id="manualCheck" name="人工核查" camunda:candidateGroups="district_reviewer" />' +
      flow('f4', 'manualCheck', 'checkedEnd') +
      '<bpmn:endEvent id="eligibleEnd" /><bpmn:endEvent id="checkedEnd" />',
    '<bpmn:error id="notEligibleError" name="not eligible" errorCode="NOT_ELIGIBLE" />',
  ),
);

/** The workflows shipped in definitions/content/workflows (whatever exists when the test runs). */
export function contentWorkflows(): WorkflowDefinition[] {
  return readdirSync(CONTENT_WORKFLOWS)
    .filter((file) => file.endsWith('.json'))
    .map(
      (file) =>
        JSON.parse(readFileSync(join(CONTENT_WORKFLOWS, file), 'utf8')) as WorkflowDefinition,
    );
}

export function processIdOf(definition: WorkflowDefinition): string {
  const id = /<bpmn:process\b[^>]*\bid="([^"]+)"/.exec(definition.bpmn)?.[1];
  if (id === undefined) throw new Error(`no process id in ${definition.key}`);
  return id;
}

/** WorkflowDeployments in memory: the deployment store is another folder's concern. */
export class FakeDeployments extends WorkflowDeployments {
  private readonly versions: WorkflowDeployment[] = [];

  add(definition: WorkflowDefinition): WorkflowDeployment {
    const deployment: WorkflowDeployment = {
      key: definition.key,
      version: definition.version,
      processId: processIdOf(definition),
      definition,
      checksum: `${definition.key}-${definition.version}`,
      deployedAt: new Date(),
      deployedBy: 'test',
    };
    this.versions.push(deployment);
    return deployment;
  }

  save(definition: WorkflowDefinition): Promise<DeployOutcome> {
    return Promise.resolve({ deployment: this.add(definition), created: true });
  }

  latest(key: string): Promise<WorkflowDeployment | null> {
    const matching = this.versions.filter((deployment) => deployment.key === key);
    return Promise.resolve(matching.sort((a, b) => b.version - a.version)[0] ?? null);
  }

  version(key: string, version: number): Promise<WorkflowDeployment | null> {
    return Promise.resolve(
      this.versions.find((d) => d.key === key && d.version === version) ?? null,
    );
  }

  async list(): Promise<readonly WorkflowDeployment[]> {
    const keys = [...new Set(this.versions.map((deployment) => deployment.key))];
    const latest = await Promise.all(keys.map((key) => this.latest(key)));
    return latest.flatMap((deployment) => (deployment === null ? [] : [deployment]));
  }

  startedByForm(formKey: string): Promise<readonly WorkflowDeployment[]> {
    return Promise.resolve(
      this.versions.filter((deployment) => deployment.definition.startForm === formKey),
    );
  }
}
