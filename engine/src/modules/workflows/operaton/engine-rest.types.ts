/**
 * The parts of engine-rest's DTOs (Camunda 7 REST reference, which Operaton keeps) this adapter
 * reads. Dates are engine-rest's `yyyy-MM-dd'T'HH:mm:ss.SSSZ` strings; see `restDateToIso`.
 */

/** A variable value as engine-rest sends and receives it. */
export interface RestTypedValue {
  readonly value: string | number | boolean | null;
  readonly type: string;
  readonly valueInfo?: Readonly<Record<string, unknown>>;
}

export type RestVariables = Readonly<Record<string, RestTypedValue>>;

export interface RestProcessDefinition {
  readonly id: string;
  readonly key: string;
  readonly version: number;
}

export interface RestDeployment {
  readonly id: string;
  readonly name: string | null;
  readonly deployedProcessDefinitions: Readonly<Record<string, RestProcessDefinition>> | null;
}

export interface RestProcessInstance {
  readonly id: string;
  readonly definitionId: string;
  readonly businessKey: string | null;
  readonly ended: boolean;
}

/** `state`: ACTIVE | SUSPENDED | COMPLETED | EXTERNALLY_TERMINATED | INTERNALLY_TERMINATED. */
export interface RestHistoricProcessInstance {
  readonly id: string;
  readonly businessKey: string | null;
  readonly processDefinitionKey: string;
  readonly startTime: string;
  readonly endTime: string | null;
  readonly state: string;
}

export interface RestHistoricVariable {
  readonly name: string;
  readonly type: string;
  readonly value: RestTypedValue['value'];
  readonly activityInstanceId: string | null;
  readonly processInstanceId: string;
}

export interface RestTask {
  readonly id: string;
  readonly name: string | null;
  readonly assignee: string | null;
  readonly created: string;
  readonly executionId: string;
  readonly processInstanceId: string;
  readonly taskDefinitionKey: string;
}

export interface RestIdentityLink {
  readonly userId: string | null;
  readonly groupId: string | null;
  readonly type: string;
}

export interface RestIncident {
  readonly id: string;
  readonly processInstanceId: string;
  readonly incidentTimestamp: string;
  readonly incidentType: string;
  readonly activityId: string;
  /** For `failedExternalTask`: the external task's id. */
  readonly configuration: string | null;
  readonly incidentMessage: string | null;
}

export interface RestHistoricIncident extends Omit<RestIncident, 'incidentTimestamp'> {
  readonly createTime: string;
  readonly endTime: string | null;
  readonly open: boolean;
  readonly resolved: boolean;
  readonly deleted: boolean;
  readonly processDefinitionKey: string | null;
}

export interface RestExternalTask {
  readonly id: string;
  readonly topicName: string;
  readonly activityId: string;
  readonly processInstanceId: string;
  readonly retries: number | null;
}

export interface RestCount {
  readonly count: number;
}

/** `2024-05-01T10:00:00.000+0200` (engine-rest) → ISO 8601 in UTC. */
export function restDateToIso(value: string): string {
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  if (Number.isNaN(time)) throw new Error(`engine-rest sent an unreadable date "${value}"`);
  return new Date(time).toISOString();
}
