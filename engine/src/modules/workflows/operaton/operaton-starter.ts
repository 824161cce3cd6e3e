import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/clock';
import {
  InstanceConflictError,
  type StartInstanceCommand,
  type WorkflowDeployment,
} from '../runtime';
import { EngineRestClient, OperatonRequestError, restPath } from './engine-rest-client';
import type { RestHistoricProcessInstance, RestProcessInstance } from './engine-rest.types';
import { OperatonDeployer } from './operaton-deployer';
import { type MirrorDocument, OperatonInstanceStore } from './operaton-instance-store';
import { toTypedVariables } from './typed-variables';

/** A claim older than this without an instance id belongs to a start that died midway. */
const CLAIM_STALE_MS = 60_000;
const CLAIM_WAIT_MS = 50;
const CLAIM_WAIT_ATTEMPTS = 200;

/**
 * Idempotent start by (workflowKey, businessKey). A claim in the mirror (unique index) decides
 * which caller starts; the winner first asks Operaton for an instance of the process with that
 * business key (a previous start may have reached Operaton and died before saving its id), and
 * only starts one when there is none. Concurrent callers wait for the winner's instance id.
 */
@Injectable()
export class OperatonStarter {
  constructor(
    private readonly rest: EngineRestClient,
    private readonly store: OperatonInstanceStore,
    private readonly deployer: OperatonDeployer,
    private readonly clock: Clock,
  ) {}

  /** The mirror document of the (possibly pre-existing) instance, with its instance id. */
  async start(
    command: StartInstanceCommand,
    deployment: WorkflowDeployment,
  ): Promise<MirrorDocument> {
    const claimToken = randomUUID();
    for (let attempt = 0; attempt < CLAIM_WAIT_ATTEMPTS; attempt += 1) {
      const now = this.clock.now();
      const { document, won } = await this.store.claim({
        workflowKey: command.workflowKey,
        businessKey: command.businessKey,
        workflowVersion: deployment.version,
        processId: deployment.processId,
        scope: command.scope,
        claimToken,
        now,
      });
      if (document.instanceId !== undefined) return document;
      if (won) return this.startClaimed(document, claimToken, command, deployment);
      const stale = now.getTime() - new Date(document.claimedAt).getTime() > CLAIM_STALE_MS;
      if (
        stale &&
        (await this.store.takeOver(document._id, document.claimToken, claimToken, now))
      ) {
        return this.startClaimed(document, claimToken, command, deployment);
      }
      await delay(CLAIM_WAIT_MS);
    }
    throw new InstanceConflictError(`${command.workflowKey}/${command.businessKey}`);
  }

  private async startClaimed(
    document: MirrorDocument,
    claimToken: string,
    command: StartInstanceCommand,
    deployment: WorkflowDeployment,
  ): Promise<MirrorDocument> {
    const instanceId =
      (await this.findInOperaton(deployment.processId, command.businessKey)) ??
      (await this.startInOperaton(command, deployment));
    const attached = await this.store.attachInstance(document._id, claimToken, instanceId);
    if (attached !== null) return attached;
    // Our stale-looking claim was taken over meanwhile; the other start adopted the same instance.
    const current = await this.store.byKey(command.workflowKey, command.businessKey);
    if (current?.instanceId === undefined) throw new InstanceConflictError(instanceId);
    return current;
  }

  private async findInOperaton(processId: string, businessKey: string): Promise<string | null> {
    const [running] = await this.rest.get<RestProcessInstance[]>('/process-instance', {
      businessKey,
      processDefinitionKey: processId,
    });
    if (running !== undefined) return running.id;
    const [ended] = await this.rest.get<RestHistoricProcessInstance[]>(
      '/history/process-instance',
      {
        processInstanceBusinessKey: businessKey,
        processDefinitionKey: processId,
        sortBy: 'startTime',
        sortOrder: 'asc',
        maxResults: 1,
      },
    );
    return ended?.id ?? null;
  }

  private async startInOperaton(
    command: StartInstanceCommand,
    deployment: WorkflowDeployment,
  ): Promise<string> {
    const body = {
      businessKey: command.businessKey,
      variables: toTypedVariables({
        ...(deployment.definition.parameters ?? {}),
        ...command.variables,
      }),
    };
    const path = restPath`/process-definition/key/${deployment.processId}/start`;
    try {
      return (await this.rest.post<RestProcessInstance>(path, { json: body })).id;
    } catch (error) {
      if (!(error instanceof OperatonRequestError) || error.status !== 404) throw error;
      // Operaton lost the definition (a reset database): deploy the version we run, then start.
      await this.deployer.deploy(deployment);
      return (await this.rest.post<RestProcessInstance>(path, { json: body })).id;
    }
  }
}
