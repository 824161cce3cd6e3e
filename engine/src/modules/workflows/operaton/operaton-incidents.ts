import { Injectable } from '@nestjs/common';
import { WorkflowDeployments } from '../deployments';
import { IncidentNotFoundError, type Incident, type IncidentQuery } from '../runtime';
import { EngineRestClient, OperatonRequestError, restPath } from './engine-rest-client';
import {
  restDateToIso,
  type RestCount,
  type RestExternalTask,
  type RestHistoricIncident,
  type RestIncident,
} from './engine-rest.types';
import { type MirrorDocument, OperatonInstanceStore } from './operaton-instance-store';

type AnyIncident = RestIncident | RestHistoricIncident;

const INCIDENT_TYPE = 'failedExternalTask';

/**
 * Incidents through engine-rest: open ones from GET /incident, resolved ones from
 * GET /history/incident (the runtime resource forgets an incident once it is resolved).
 * Operaton does not know our workflow keys, business keys or how often a job failed; those
 * come from the mirror.
 */
@Injectable()
export class OperatonIncidents {
  constructor(
    private readonly rest: EngineRestClient,
    private readonly store: OperatonInstanceStore,
    private readonly deployments: WorkflowDeployments,
  ) {}

  async query(query: IncidentQuery): Promise<{ items: readonly Incident[]; total: number }> {
    let processIds: string[] | undefined;
    if (query.workflowKey !== undefined) {
      const deployment = await this.deployments.latest(query.workflowKey);
      if (deployment === null) return { items: [], total: 0 };
      processIds = [deployment.processId];
    }
    const filter = { incidentType: INCIDENT_TYPE, processDefinitionKeyIn: processIds };
    const paging = { firstResult: query.offset, maxResults: query.limit, sortOrder: 'desc' };
    if (query.open === true) {
      const [rows, count] = await Promise.all([
        this.rest.get<RestIncident[]>('/incident', {
          ...filter,
          ...paging,
          sortBy: 'incidentTimestamp',
        }),
        this.rest.get<RestCount>('/incident/count', filter),
      ]);
      return { items: await this.toIncidents(rows), total: count.count };
    }
    const historyFilter = { ...filter, resolved: query.open === false ? true : undefined };
    const [rows, count] = await Promise.all([
      this.rest.get<RestHistoricIncident[]>('/history/incident', {
        ...historyFilter,
        ...paging,
        sortBy: 'createTime',
      }),
      this.rest.get<RestCount>('/history/incident/count', historyFilter),
    ]);
    return { items: await this.toIncidents(rows), total: count.count };
  }

  /** Gives the incident's external task `retries` again; Operaton resolves the incident. */
  async retry(
    incidentId: string,
    retries: number,
  ): Promise<{ incident: Incident; instanceId: string }> {
    if (!Number.isInteger(retries) || retries < 1)
      throw new RangeError('retries must be a positive integer');
    const [open] = await this.rest.get<RestIncident[]>('/incident', { incidentId });
    if (open === undefined || open.incidentType !== INCIDENT_TYPE || !open.configuration) {
      throw new IncidentNotFoundError(incidentId);
    }
    try {
      await this.rest.put(restPath`/external-task/${open.configuration}/retries`, {
        json: { retries },
      });
    } catch (error) {
      if (error instanceof OperatonRequestError && error.status === 404)
        throw new IncidentNotFoundError(incidentId);
      throw error;
    }
    const [closed] = await this.rest.get<RestHistoricIncident[]>('/history/incident', {
      incidentId,
    });
    const incident = await this.toIncident(
      closed ?? open,
      await this.store.byInstanceId(open.processInstanceId),
    );
    return {
      incident: { ...incident, resolvedAt: incident.resolvedAt ?? new Date().toISOString() },
      instanceId: open.processInstanceId,
    };
  }

  /** Maps engine-rest incidents of one instance (the snapshot's open incidents). */
  forInstance(rows: readonly RestIncident[], document: MirrorDocument): Promise<Incident[]> {
    return Promise.all(rows.map((row) => this.toIncident(row, document)));
  }

  private async toIncidents(rows: readonly AnyIncident[]): Promise<Incident[]> {
    const documents = new Map<string, Promise<MirrorDocument | null>>();
    return Promise.all(
      rows.map(async (row) => {
        const id = row.processInstanceId;
        if (!documents.has(id)) documents.set(id, this.store.byInstanceId(id));
        return this.toIncident(row, await (documents.get(id) ?? null));
      }),
    );
  }

  private async toIncident(row: AnyIncident, document: MirrorDocument | null): Promise<Incident> {
    const jobId = row.configuration ?? '';
    const job = document?.jobs[jobId];
    const topic = job?.topic ?? (await this.topicOf(jobId));
    const createdAt = 'createTime' in row ? row.createTime : row.incidentTimestamp;
    const endTime = 'endTime' in row ? row.endTime : null;
    return {
      id: row.id,
      instanceId: row.processInstanceId,
      workflowKey:
        document?.workflowKey ??
        ('processDefinitionKey' in row ? (row.processDefinitionKey ?? '') : ''),
      businessKey: document?.businessKey ?? '',
      activityId: row.activityId,
      topic,
      message: row.incidentMessage ?? '',
      attempts: job?.failures ?? 0,
      createdAt: restDateToIso(createdAt),
      resolvedAt: endTime ? restDateToIso(endTime) : null,
    };
  }

  private async topicOf(externalTaskId: string): Promise<string> {
    if (externalTaskId === '') return '';
    const task = await this.rest.find<RestExternalTask>(restPath`/external-task/${externalTaskId}`);
    return task?.topicName ?? '';
  }
}
