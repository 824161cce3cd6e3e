import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InstitutionDirectory } from '../../institutions';
import { DefinitionRegistry } from '../../registry';
import { WorkflowSubmissions } from '../../submissions';
import { Notifications } from '../notifications';
import { WorkerRegistry, type WorkerDefinition } from '../runtime';
import { institutionStatusWorker } from './workers/institution-status.worker';
import { notifyCdcWorker } from './workers/notify-cdc.worker';
import { submissionReleaseWorker } from './workers/submission-release.worker';

/**
 * Registers the processes' workers as data in `onModuleInit`, before the runtime's background
 * loops start and before shipped workflows are linted against the known topics at bootstrap.
 */
@Injectable()
export class ProcessWorkers implements OnModuleInit {
  constructor(
    private readonly registry: WorkerRegistry,
    private readonly institutions: InstitutionDirectory,
    private readonly submissions: WorkflowSubmissions,
    private readonly notifications: Notifications,
    private readonly definitions: DefinitionRegistry,
  ) {}

  /** The workers, built over this module's ports. */
  definitionsOfWorkers(): readonly WorkerDefinition[] {
    return [
      institutionStatusWorker(this.institutions),
      submissionReleaseWorker(this.submissions),
      notifyCdcWorker({
        notifications: this.notifications,
        definitions: this.definitions,
        institutions: this.institutions,
      }),
    ];
  }

  onModuleInit(): void {
    for (const worker of this.definitionsOfWorkers()) this.registry.register(worker);
  }
}
