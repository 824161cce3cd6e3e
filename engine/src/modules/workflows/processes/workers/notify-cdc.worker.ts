import type { InstitutionDirectory } from '../../../institutions';
import type { DefinitionRegistry } from '../../../registry';
import type { Notifications } from '../../notifications';
import {
  DEFAULT_BACKOFF,
  type WorkerContext,
  type WorkerDefinition,
  type WorkerResult,
} from '../../runtime';
import { stringVariable } from './worker-variables';

export const NOTIFY_CDC_TOPIC = 'notify-cdc';
export const FEVER_CLINICS_DICTIONARY = 'fever-clinics';
/** The variable naming the chosen fever clinic (a `fever-clinics` code), set from the report. */
export const REFERRAL_VARIABLE = 'referralInstitution';

interface Label {
  readonly zh: string;
  readonly en: string;
}

const NO_CLINIC: Label = { zh: '（未填写发热门诊）', en: '(no fever clinic named)' };

export interface NotifyCdcDependencies {
  readonly notifications: Notifications;
  readonly definitions: DefinitionRegistry;
  readonly institutions: InstitutionDirectory;
}

/**
 * Tells the district's reviewers (the CDC desk) that a clinic referred a febrile patient, naming
 * the reporting clinic and the fever clinic chosen, never the patient. The notification key is
 * the job's idempotency key, so a redelivery stores no second notice.
 */
export function notifyCdcWorker(deps: NotifyCdcDependencies): WorkerDefinition {
  return {
    topic: NOTIFY_CDC_TOPIC,
    description: 'Notifies the district reviewers of a fever referral',
    retries: 3,
    backoff: DEFAULT_BACKOFF,
    handler: async (context: WorkerContext): Promise<WorkerResult> => {
      const district = context.scope.regionPath.at(-1);
      if (district === undefined) {
        throw new Error(`${NOTIFY_CDC_TOPIC}: instance ${context.instanceId} has no region`);
      }
      const clinic = await referralLabel(
        deps.definitions,
        stringVariable(context.variables, REFERRAL_VARIABLE),
      );
      const reporter = await reporterName(deps.institutions, context.scope.institutionId);
      await deps.notifications.publish({
        key: context.idempotencyKey,
        kind: 'fever-referral',
        title: { zh: `发热患者转诊：${clinic.zh}`, en: `Fever referral to ${clinic.en}` },
        body: {
          zh: `${reporter?.zh ?? '辖区机构'}报告一名发热患者，已转诊至${clinic.zh}，请跟进转诊确认情况。`,
          en: `${reporter?.en ?? 'A clinic in your district'} reported a febrile patient referred to ${clinic.en}; please follow up the confirmation.`,
        },
        audience: { roles: ['district_reviewer'], regionCode: district },
        link: `/processes/${encodeURIComponent(context.businessKey)}/timeline`,
        businessKey: context.businessKey,
      });
      return {};
    },
  };
}

/** The fever clinic's label from the dictionary in force; its code when the dictionary lacks it. */
async function referralLabel(definitions: DefinitionRegistry, code: string | null): Promise<Label> {
  if (code === null) return NO_CLINIC;
  const dictionary = await definitions.currentDictionary(FEVER_CLINICS_DICTIONARY);
  const item = dictionary?.dictionary.items.find((i) => i.code === code);
  return item === undefined ? { zh: code, en: code } : { zh: item.label.zh, en: item.label.en };
}

/** The reporting clinic's name (a clinic's name is not personal data), if it can be found. */
async function reporterName(
  institutions: InstitutionDirectory,
  institutionId: string | null,
): Promise<Label | null> {
  if (institutionId === null) return null;
  const institution = await institutions.institution(institutionId);
  return institution === null ? null : { zh: institution.name, en: institution.name };
}
