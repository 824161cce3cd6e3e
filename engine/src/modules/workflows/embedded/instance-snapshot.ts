import type { InstanceSnapshot } from '../runtime';
import type { InstanceRecord } from './instance.schema';

/** What listeners and callers see of a stored instance (dates as ISO 8601 strings). */
export function toSnapshot(record: InstanceRecord): InstanceSnapshot {
  return {
    instanceId: record._id,
    workflowKey: record.workflowKey,
    workflowVersion: record.workflowVersion,
    businessKey: record.businessKey,
    state: record.state,
    scope: { institutionId: record.scope.institutionId, regionPath: [...record.scope.regionPath] },
    variables: record.variables,
    openTasks: record.openTasks,
    openIncidents: record.openIncidents,
    revision: record.revision,
    startedAt: record.startedAt.toISOString(),
    endedAt: record.endedAt === null ? null : record.endedAt.toISOString(),
  };
}
