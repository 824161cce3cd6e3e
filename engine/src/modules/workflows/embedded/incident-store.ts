import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { mongo, Model } from 'mongoose';
import type { Incident, IncidentQuery } from '../runtime';
import { WORKFLOW_INCIDENT_MODEL, type IncidentRecord } from './incident.schema';

/** The only file that touches `workflow_incidents`. */
@Injectable()
export class IncidentStore implements OnModuleInit {
  constructor(
    @InjectModel(WORKFLOW_INCIDENT_MODEL) private readonly model: Model<IncidentRecord>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  async open(record: IncidentRecord): Promise<void> {
    await this.collection().insertOne(record);
  }

  async load(incidentId: string): Promise<IncidentRecord | null> {
    return this.collection().findOne({ _id: incidentId });
  }

  async list(query: IncidentQuery): Promise<{ items: Incident[]; total: number }> {
    const filter: mongo.Filter<IncidentRecord> = {};
    if (query.open === true) filter.resolvedAt = null;
    if (query.open === false) filter.resolvedAt = { $ne: null };
    if (query.workflowKey !== undefined) filter.workflowKey = query.workflowKey;
    const [records, total] = await Promise.all([
      this.collection()
        .find(filter)
        .sort({ createdAt: -1, _id: 1 })
        .skip(query.offset)
        .limit(query.limit)
        .toArray(),
      this.collection().countDocuments(filter),
    ]);
    return { items: records.map(toIncident), total };
  }

  /** Marks an open incident resolved; null when unknown or already resolved. */
  async resolve(incidentId: string, now: Date): Promise<IncidentRecord | null> {
    return this.collection().findOneAndUpdate(
      { _id: incidentId, resolvedAt: null },
      { $set: { resolvedAt: now } },
      { returnDocument: 'after' },
    );
  }

  /** Of the given incidents, the ids of those already resolved. */
  async resolvedAmong(incidentIds: readonly string[]): Promise<Set<string>> {
    if (incidentIds.length === 0) return new Set();
    const resolved = await this.collection()
      .find(
        { _id: { $in: [...incidentIds] }, resolvedAt: { $ne: null } },
        { projection: { _id: 1 } },
      )
      .toArray();
    return new Set(resolved.map((record) => record._id));
  }

  /** Removes an incident whose job turned out to be held by another delivery. */
  async discard(incidentId: string): Promise<void> {
    await this.collection().deleteOne({ _id: incidentId });
  }

  private collection(): mongo.Collection<IncidentRecord> {
    return this.model.collection as unknown as mongo.Collection<IncidentRecord>;
  }
}

export function toIncident(record: IncidentRecord): Incident {
  return {
    id: record._id,
    instanceId: record.instanceId,
    workflowKey: record.workflowKey,
    businessKey: record.businessKey,
    activityId: record.activityId,
    topic: record.topic,
    message: record.message,
    attempts: record.attempts,
    createdAt: record.createdAt.toISOString(),
    resolvedAt: record.resolvedAt === null ? null : record.resolvedAt.toISOString(),
  };
}
