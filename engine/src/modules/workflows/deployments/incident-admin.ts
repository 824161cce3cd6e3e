import { Injectable } from '@nestjs/common';
import { pageWindow, type Page } from '../../../common/http';
import { AuditLog } from '../../audit';
import { IncidentNotFoundError, WorkflowErrors, WorkflowRuntime, type Incident } from '../runtime';
import type { IncidentQueryDto } from './dto/workflow-admin.dto';

/** Incidents (jobs whose retries ran out) for admins: listed from the runtime, retried, audited. */
@Injectable()
export class IncidentAdmin {
  constructor(
    private readonly audit: AuditLog,
    private readonly runtime: WorkflowRuntime,
  ) {}

  async list(query: IncidentQueryDto): Promise<Page<Incident>> {
    const { page, pageSize, skip } = pageWindow(query);
    const { items, total } = await this.runtime.incidents({
      open: query.open === undefined ? undefined : query.open === 'true',
      workflowKey: query.workflowKey,
      limit: pageSize,
      offset: skip,
    });
    return { items, total, page, pageSize };
  }

  async retry(incidentId: string, retries: number, actor: string): Promise<Incident> {
    let incident: Incident;
    try {
      incident = await this.runtime.retryIncident(incidentId, retries);
    } catch (error) {
      if (error instanceof IncidentNotFoundError) throw WorkflowErrors.incidentNotFound();
      throw error;
    }
    await this.audit.append({
      action: 'update',
      actor,
      resource: 'workflow_incidents',
      resourceId: incidentId,
      details: { retries, workflowKey: incident.workflowKey, activityId: incident.activityId },
    });
    return incident;
  }
}
