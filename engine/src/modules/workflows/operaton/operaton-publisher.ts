import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Types } from 'mongoose';
import type { InstanceSnapshot, VariableValue, InstanceListener } from '../runtime';
import { OperatonIncidents } from './operaton-incidents';
import type { StoredSnapshot } from './operaton-instance.schema';
import { type MirrorDocument, OperatonInstanceStore } from './operaton-instance-store';
import { OperatonStateReader } from './operaton-state-reader';

const SAVE_ATTEMPTS = 3;
const REDELIVERY_BATCH = 100;

function sortedKeys(values: Record<string, VariableValue>): Record<string, VariableValue> {
  return Object.fromEntries(
    Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** The snapshot a mirror document holds; null while the start is only claimed. */
export function snapshotOf(document: MirrorDocument): InstanceSnapshot | null {
  const stored = document.snapshot;
  if (document.instanceId === undefined || stored === null) return null;
  return {
    instanceId: document.instanceId,
    workflowKey: document.workflowKey,
    workflowVersion: document.workflowVersion,
    businessKey: document.businessKey,
    state: stored.state,
    scope: {
      institutionId: document.scope.institutionId,
      regionPath: [...document.scope.regionPath],
    },
    variables: JSON.parse(stored.variablesJson) as Record<string, VariableValue>,
    openTasks: stored.openTasks,
    openIncidents: stored.openIncidents,
    revision: document.revision,
    startedAt: stored.startedAt,
    endedAt: stored.endedAt,
  };
}

/**
 * Turns what Operaton shows of an instance into revisions of its snapshot and hands each to the
 * listeners. A read that equals the last snapshot (same fingerprint) is not a new revision. A
 * revision is saved with `delivered: false` BEFORE the listeners run and marked delivered after
 * all of them accepted it, so a crash or a failing listener leads to re-delivery (at least
 * once). Deliveries of one instance are serialized in this process and always carry the latest
 * saved revision, so a listener never sees an older revision after a newer one from here.
 */
@Injectable()
export class OperatonPublisher {
  private readonly logger = new Logger('OperatonPublisher');
  private readonly listeners: InstanceListener[] = [];
  private readonly deliveries = new Map<string, Promise<void>>();

  constructor(
    private readonly store: OperatonInstanceStore,
    private readonly reader: OperatonStateReader,
    private readonly incidents: OperatonIncidents,
  ) {}

  addListener(listener: InstanceListener): void {
    this.listeners.push(listener);
  }

  /** Reads the instance from Operaton, saves a new revision if it changed, delivers it. */
  async refresh(initial: MirrorDocument): Promise<InstanceSnapshot | null> {
    let document = initial;
    for (
      let attempt = 0;
      attempt < SAVE_ATTEMPTS && document.instanceId !== undefined;
      attempt += 1
    ) {
      const observed = await this.reader.read(
        document.instanceId,
        document.snapshot?.startedAt ?? null,
      );
      if (observed === null) {
        this.logger.warn(
          `Operaton does not know instance ${document.instanceId} any more; keeping its last snapshot`,
        );
        return snapshotOf(document);
      }
      const snapshot: StoredSnapshot = {
        state: observed.state,
        variablesJson: JSON.stringify(sortedKeys(observed.variables)),
        openTasks: observed.openTasks,
        openIncidents: await this.incidents.forInstance(observed.incidents, document),
        startedAt: observed.startedAt,
        endedAt: observed.endedAt,
      };
      const fingerprint = createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
      if (fingerprint === document.fingerprint) {
        if (!document.delivered) await this.deliver(document._id);
        return snapshotOf(document);
      }
      const saved = await this.store.saveSnapshot(
        document._id,
        document.revision,
        snapshot,
        fingerprint,
      );
      if (saved !== null) {
        await this.deliver(saved._id);
        return snapshotOf(saved);
      }
      // Another command or poll saved a revision first: read again on top of it.
      document = (await this.store.byId(document._id)) ?? document;
    }
    return snapshotOf(document);
  }

  async refreshByInstanceId(instanceId: string): Promise<InstanceSnapshot | null> {
    const document = await this.store.byInstanceId(instanceId);
    return document === null ? null : this.refresh(document);
  }

  /** Delivers revisions the listeners have not accepted yet (after a crash or a listener error). */
  async redeliver(): Promise<number> {
    const pending = await this.store.undelivered(REDELIVERY_BATCH);
    for (const document of pending) await this.deliver(document._id);
    return pending.length;
  }

  private deliver(id: Types.ObjectId): Promise<void> {
    const key = id.toHexString();
    const previous = this.deliveries.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.deliverLatest(id));
    this.deliveries.set(key, next);
    void next.then(
      () => this.forget(key, next),
      () => this.forget(key, next),
    );
    return next;
  }

  private forget(key: string, delivery: Promise<void>): void {
    if (this.deliveries.get(key) === delivery) this.deliveries.delete(key);
  }

  private async deliverLatest(id: Types.ObjectId): Promise<void> {
    const document = await this.store.byId(id);
    const snapshot = document === null || document.delivered ? null : snapshotOf(document);
    if (document === null || snapshot === null) return;
    try {
      for (const listener of this.listeners) await listener(snapshot);
    } catch (error) {
      // Never the snapshot itself in the log: its variables may be anything a form collected.
      this.logger.warn(
        `a listener refused revision ${snapshot.revision} of instance ${snapshot.instanceId} (${(error as Error).name}); it is delivered again later`,
      );
      return;
    }
    await this.store.markDelivered(id, document.revision);
  }
}
