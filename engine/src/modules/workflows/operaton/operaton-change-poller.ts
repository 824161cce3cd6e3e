import { Injectable, Logger } from '@nestjs/common';
import type { Types } from 'mongoose';
import { EngineRestClient } from './engine-rest-client';
import type { RestIncident, RestProcessInstance, RestTask } from './engine-rest.types';
import { type MirrorDocument, OperatonInstanceStore } from './operaton-instance-store';
import { OperatonPublisher } from './operaton-publisher';

/** Instances asked about per engine-rest query (ids go into the query string). */
const PAGE = 50;
/** Instances looked at per pass; the next pass continues where this one stopped. */
const SCAN_LIMIT = 2_000;
const INCIDENT_PAGE = 1_000;

function watchKey(
  running: boolean,
  tasks: readonly { id: string; assignee: string | null }[],
  incidentIds: readonly string[],
) {
  const taskPart = tasks
    .map((task) => `${task.id}/${task.assignee ?? ''}`)
    .sort()
    .join(',');
  return `${running ? 'running' : 'ended'}|${taskPart}|${[...incidentIds].sort().join(',')}`;
}

function storedWatchKey(document: MirrorDocument): string {
  const snapshot = document.snapshot;
  return watchKey(
    snapshot?.state === 'running',
    (snapshot?.openTasks ?? []).map((task) => ({
      id: task.runtimeTaskId,
      assignee: task.assignee,
    })),
    (snapshot?.openIncidents ?? []).map((incident) => incident.id),
  );
}

/**
 * Notices what Operaton did on its own — a timer fired, another node's worker completed a job,
 * a job ran out of retries — by comparing, for the instances the mirror believes running, whether
 * they still run, their open user tasks and their open incidents with the last snapshot, in a few
 * bulk queries per page. Only instances that differ are read in full and published. A change
 * that touches none of the three (variables only) waits for the next one that does.
 */
@Injectable()
export class OperatonChangePoller {
  private readonly logger = new Logger('OperatonChangePoller');
  private cursor: Types.ObjectId | null = null;

  constructor(
    private readonly rest: EngineRestClient,
    private readonly store: OperatonInstanceStore,
    private readonly publisher: OperatonPublisher,
  ) {}

  /** One pass; returns how many instances got a new snapshot. */
  async poll(): Promise<number> {
    const incidents = await this.openIncidentsByInstance();
    let changed = 0;
    for (let scanned = 0; scanned < SCAN_LIMIT;) {
      const page = await this.store.running(this.cursor, PAGE);
      this.cursor = page.length === PAGE ? (page.at(-1)?._id ?? null) : null;
      scanned += page.length;
      changed += await this.comparePage(page, incidents);
      if (this.cursor === null) break;
    }
    return changed;
  }

  private async comparePage(
    page: readonly MirrorDocument[],
    incidents: ReadonlyMap<string, string[]>,
  ): Promise<number> {
    const ids = page.flatMap((document) =>
      document.instanceId === undefined ? [] : [document.instanceId],
    );
    if (ids.length === 0) return 0;
    const [running, tasks] = await Promise.all([
      this.rest.get<RestProcessInstance[]>('/process-instance', { processInstanceIds: ids }),
      this.rest.get<RestTask[]>('/task', { processInstanceIdIn: ids }),
    ]);
    const runningIds = new Set(running.map((instance) => instance.id));
    let changed = 0;
    for (const document of page) {
      const id = document.instanceId ?? '';
      const observed = watchKey(
        runningIds.has(id),
        tasks.filter((task) => task.processInstanceId === id),
        incidents.get(id) ?? [],
      );
      if (observed === storedWatchKey(document)) continue;
      try {
        await this.publisher.refresh(document);
        changed += 1;
      } catch (error) {
        this.logger.warn(`refreshing instance ${id} failed: ${(error as Error).message}`);
      }
    }
    return changed;
  }

  private async openIncidentsByInstance(): Promise<Map<string, string[]>> {
    const byInstance = new Map<string, string[]>();
    for (let firstResult = 0; ; firstResult += INCIDENT_PAGE) {
      const rows = await this.rest.get<RestIncident[]>('/incident', {
        incidentType: 'failedExternalTask',
        firstResult,
        maxResults: INCIDENT_PAGE,
      });
      for (const row of rows) {
        byInstance.set(row.processInstanceId, [
          ...(byInstance.get(row.processInstanceId) ?? []),
          row.id,
        ]);
      }
      if (rows.length < INCIDENT_PAGE) return byInstance;
    }
  }
}
