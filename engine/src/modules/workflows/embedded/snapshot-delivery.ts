import { Injectable, Logger } from '@nestjs/common';
import type { InstanceListener } from '../runtime';
import { GroupCommit } from './group-commit';
import type { InstanceRecord } from './instance.schema';
import { toSnapshot } from './instance-snapshot';
import { InstanceStore } from './instance-store';

/**
 * Calls the listeners (task projection, timeline) after each save, then records the revision as
 * projected. A listener that fails leaves the save pending; the background pass re-delivers it,
 * so listeners see every revision at least once. Per instance, deliveries run one after another
 * and a revision older than one already delivered is skipped.
 */
@Injectable()
export class SnapshotDelivery {
  private readonly listeners: InstanceListener[] = [];
  private readonly chains = new Map<string, { tail: Promise<void>; highest: number }>();
  private readonly marks: GroupCommit<{ instanceId: string; revision: number }>;
  private readonly logger = new Logger('EmbeddedWorkflowRuntime');

  constructor(instances: InstanceStore) {
    this.marks = new GroupCommit(
      (items) => instances.markProjected(items),
      (error) => this.logger.warn(`could not record projected revisions: ${String(error)}`),
    );
  }

  add(listener: InstanceListener): void {
    this.listeners.push(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  /** Resolves once every listener saw the revision (or failed, which is logged); marks follow behind. */
  deliver(record: InstanceRecord): Promise<void> {
    const chain = this.chains.get(record._id) ?? { tail: Promise.resolve(), highest: -1 };
    this.chains.set(record._id, chain);
    const tail = chain.tail.then(() => this.deliverInOrder(record, chain));
    chain.tail = tail;
    void tail.then(() => {
      if (this.chains.get(record._id)?.tail === tail) this.chains.delete(record._id);
    });
    return tail;
  }

  /** Waits for projection marks still being collected. */
  settle(): Promise<void> {
    return this.marks.settle();
  }

  private async deliverInOrder(record: InstanceRecord, chain: { highest: number }): Promise<void> {
    if (record.revision < chain.highest) return;
    chain.highest = record.revision;
    const snapshot = toSnapshot(record);
    try {
      for (const listener of this.listeners) await listener(snapshot);
    } catch (error) {
      this.logger.warn(
        `listener failed for instance ${record._id} revision ${record.revision}; it will be re-delivered: ${String(error)}`,
      );
      return;
    }
    this.marks.add({ instanceId: record._id, revision: record.revision });
  }
}
