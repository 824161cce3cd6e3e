import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import { AUDIT_COLLECTION } from './audit-chain';
import {
  AuditSearch,
  type AuditEntryView,
  type AuditPage,
  type AuditSearchQuery,
} from './audit-search';

function toView(row: mongo.Document): AuditEntryView {
  const at = row['at'] as unknown;
  return {
    seq: Number(row['seq']),
    at: at instanceof Date ? at.toISOString() : String(at),
    action: String(row['action']),
    actor: String(row['actor']),
    resource: String(row['resource']),
    resourceId: (row['resourceId'] as string | null | undefined) ?? null,
    outcome: String(row['outcome']),
    details: (row['details'] as Record<string, unknown> | undefined) ?? {},
    ip: (row['ip'] as string | null | undefined) ?? null,
    prevHash: String(row['prevHash']),
    hash: String(row['hash']),
  };
}

/** Filters are typed values from the validated DTO, compared for equality: no operator can get in. */
@Injectable()
export class MongoAuditSearch extends AuditSearch {
  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  override async search(query: AuditSearchQuery): Promise<AuditPage> {
    const filter: mongo.Filter<mongo.Document> = {};
    if (query.actor !== undefined) filter['actor'] = query.actor;
    if (query.action !== undefined) filter['action'] = query.action;
    if (query.resource !== undefined) filter['resource'] = query.resource;
    if (query.from !== undefined || query.to !== undefined) {
      filter['at'] = {
        ...(query.from === undefined ? {} : { $gte: query.from }),
        ...(query.to === undefined ? {} : { $lte: query.to }),
      };
    }
    const collection = this.collection();
    const [rows, total] = await Promise.all([
      collection
        .find(filter, { projection: { _id: 0 } })
        .sort({ seq: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .toArray(),
      collection.countDocuments(filter),
    ]);
    return { items: rows.map(toView), total, page: query.page, pageSize: query.pageSize };
  }

  private collection(): mongo.Collection {
    const db = this.connection.db;
    if (db === undefined)
      throw new Error('audit search used before the database connection opened');
    return db.collection(AUDIT_COLLECTION);
  }
}
