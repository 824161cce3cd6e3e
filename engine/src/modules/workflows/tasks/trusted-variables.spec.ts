import type { WorkflowDefinition } from '@sentinel/definitions';
import { firstTrustedKey, trustedVariableNames } from './trusted-variables';

const REFERRAL: WorkflowDefinition = {
  kind: 'workflow',
  key: 'fever-referral',
  version: 1,
  title: { zh: '发热转诊', en: 'Fever referral' },
  bpmn: '<bpmn:definitions/>',
  startVariables: { referralInstitution: 'referralInstitution', temperature: 'temperature' },
  parameters: { escalateAfter: 'PT24H' },
  userTasks: [
    { taskId: 'confirmReferral', organisationVariable: 'referralInstitution' },
    { taskId: 'escalatedReview', decisionVariable: 'escalationDecision' },
  ],
  jurisdiction: 'district',
};

describe('trusted variables a task form may not set', () => {
  it('given a deployment with start variables, parameters and an organisation variable, when listing, then all are trusted with the system variables and the decision', () => {
    const trusted = trustedVariableNames('decision', REFERRAL);

    for (const name of [
      'submissionId',
      'formKey',
      'institutionId',
      'reason',
      'comment',
      'decision',
      'referralInstitution',
      'temperature',
      'escalateAfter',
    ]) {
      expect(trusted.has(name)).toBe(true);
    }
    expect(trusted.has('score')).toBe(false);
    // Another task's decision variable is that task's business, not a trusted input here.
    expect(trusted.has('escalationDecision')).toBe(false);
  });

  it('given no deployment, when listing, then the system variables and the decision are still trusted', () => {
    const trusted = trustedVariableNames('verdict', null);

    expect([...trusted].sort()).toEqual(
      ['comment', 'formKey', 'institutionId', 'reason', 'submissionId', 'verdict'].sort(),
    );
  });

  it('given form values, when one names a trusted variable, then that key is reported', () => {
    const trusted = trustedVariableNames('decision', REFERRAL);

    expect(firstTrustedKey({ score: 4, escalateAfter: 'PT1S' }, trusted)).toBe('escalateAfter');
    expect(firstTrustedKey({ decision: 'approve' }, trusted)).toBe('decision');
    expect(firstTrustedKey({ score: 4 }, trusted)).toBeNull();
    expect(firstTrustedKey({}, trusted)).toBeNull();
  });
});
