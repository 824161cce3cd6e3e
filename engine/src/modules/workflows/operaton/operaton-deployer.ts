import { Injectable } from '@nestjs/common';
import type { WorkflowDeployment } from '../runtime';
import { EngineRestClient, restPath } from './engine-rest-client';
import type { RestDeployment, RestProcessDefinition } from './engine-rest.types';

/** `deployment-source` of every deployment this engine makes (Operaton filters duplicates per name and source). */
export const DEPLOYMENT_SOURCE = 'sentinel-engine';

/**
 * Deploys a workflow's XML with POST /deployment/create. The deployment is named after the
 * workflow key and the resource `${key}.bpmn`, with duplicate filtering and deploy-changed-only:
 * deploying the same text again (every boot) creates nothing, and a changed text becomes the
 * next version of the process definition while running instances stay on theirs. No tenant.
 */
@Injectable()
export class OperatonDeployer {
  constructor(private readonly rest: EngineRestClient) {}

  async deploy(deployment: WorkflowDeployment): Promise<RestProcessDefinition> {
    const form = new FormData();
    form.set('deployment-name', deployment.key);
    form.set('deployment-source', DEPLOYMENT_SOURCE);
    form.set('enable-duplicate-filtering', 'true');
    form.set('deploy-changed-only', 'true');
    form.set(
      'data',
      new Blob([deployment.definition.bpmn], { type: 'application/octet-stream' }),
      `${deployment.key}.bpmn`,
    );
    await this.rest.post<RestDeployment>('/deployment/create', { form });
    // Whether or not anything was new, the process id must now be a definition key in Operaton.
    const definition = await this.rest.find<RestProcessDefinition>(
      restPath`/process-definition/key/${deployment.processId}`,
    );
    if (definition === null) {
      throw new Error(
        `Operaton accepted workflow ${deployment.key} v${deployment.version} but has no executable process "${deployment.processId}"`,
      );
    }
    return definition;
  }
}
