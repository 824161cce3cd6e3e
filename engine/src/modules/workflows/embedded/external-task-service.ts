import type { VariableValue } from '../runtime';

/** How a finished job ended, as stored on it and applied to the instance on the next hydration. */
export type JobOutcome =
  | { readonly kind: 'success'; readonly variables: Readonly<Record<string, VariableValue>> }
  | {
      readonly kind: 'bpmnError';
      readonly errorCode: string;
      readonly message: string;
      readonly variables: Readonly<Record<string, VariableValue>>;
    };

/** One arrival of the engine at an external service task (again on every resume). */
export interface ExternalTaskCall {
  readonly activityId: string;
  readonly executionId: string;
  readonly topic: string;
}

/**
 * Decides what an external task call does: complete now (its job is done), throw a BPMN error
 * (its handler raised one), or nothing (the instance parks there until the job finishes).
 */
export type ExternalTaskGateway = (
  call: ExternalTaskCall,
  complete: (error: ExternalTaskBpmnError | null) => void,
) => void;

/** Carries `code`, which bpmn-elements' error boundary events match against `errorCode`. */
export class ExternalTaskBpmnError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BpmnError';
  }
}

/** The slice of a bpmn-elements activity the extension reads and writes. */
interface ExtensibleActivity {
  readonly id: string;
  readonly type: string;
  readonly behaviour: Record<string, unknown>;
}

interface ServiceMessage {
  readonly content: { readonly executionId: string };
}

type ServiceCallback = (error: Error | null, ...output: unknown[]) => void;

/**
 * A bpmn-engine extension giving `camunda:type="external"` service tasks a Service: without one
 * bpmn-elements fails them ("service not defined"). The handler never runs inside the engine;
 * the Service only asks the gateway, which answers from the job store.
 */
export function externalTaskExtension(gateway: ExternalTaskGateway) {
  return (activity: ExtensibleActivity): undefined => {
    if (activity.type !== 'bpmn:ServiceTask' || activity.behaviour['type'] !== 'external') {
      return undefined;
    }
    const topic =
      typeof activity.behaviour['topic'] === 'string' ? activity.behaviour['topic'] : '';
    // `behaviour` is this activity instance's own copy: setting Service here touches no other engine.
    activity.behaviour['Service'] = function ExternalTaskService() {
      return {
        execute(message: ServiceMessage, callback: ServiceCallback): void {
          gateway(
            { activityId: activity.id, executionId: message.content.executionId, topic },
            (error) => callback(error),
          );
        },
      };
    };
    return undefined;
  };
}
