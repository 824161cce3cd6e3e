import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import * as bpmnElements from 'bpmn-elements';
import serializeContext, {
  TypeResolver,
  type SerializableContext,
  type SerializableElement,
} from 'moddle-context-serializer';
import type { WorkflowDeployment } from '../runtime';

/*
 * bpmn-moddle (bpmn-engine's own parser, installed with it) ships no type declarations; the
 * serializer and bpmn-elements are the same copies bpmn-engine runs with, so a context compiled
 * here is exactly what `new Engine({ source })` would have built, minus the XML parse per command.
 */
interface BpmnModdleInstance {
  fromXML(xml: string): Promise<unknown>;
}
type BpmnModdleConstructor = new (packages: Record<string, unknown>) => BpmnModdleInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BpmnModdle = require('bpmn-moddle') as BpmnModdleConstructor;

const typeResolver = TypeResolver(bpmnElements);

/** What the runtime reads of a user task besides what bpmn-engine executes. */
export interface UserTaskShape {
  readonly name: string;
  /** `camunda:candidateGroups` as written (comma-separated, may be a `${...}` template). */
  readonly candidateGroups: string | null;
  /** `camunda:assignee` as written (usually a `${...}` template). */
  readonly assignee: string | null;
}

/** Error boundary events attached to one activity: which BPMN error codes they catch. */
export interface ErrorCatchers {
  /** An error boundary without `errorRef` catches every error code. */
  readonly catchesAll: boolean;
  readonly codes: ReadonlySet<string>;
}

/** One deployment version, parsed once and reused by every hydration of its instances. */
export interface CompiledProcess {
  readonly key: string;
  readonly version: number;
  /** Passed to `new Engine({ sourceContext })`: no XML parse per command. */
  readonly sourceContext: SerializableContext;
  readonly userTasks: ReadonlyMap<string, UserTaskShape>;
  /** `camunda:type="external"` service task id → `camunda:topic`. */
  readonly externalTasks: ReadonlyMap<string, string>;
  /** Activity id → its error boundary events. */
  readonly errorCatchers: ReadonlyMap<string, ErrorCatchers>;
  /** Multi-instance activity id → `camunda:elementVariable` (its collection item's name). */
  readonly elementVariables: ReadonlyMap<string, string>;
}

/** Parses the deployment's XML with the Camunda extension and indexes what the runtime needs. */
export async function compileProcess(deployment: WorkflowDeployment): Promise<CompiledProcess> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const moddleContext = await moddle.fromXML(deployment.definition.bpmn.trim());
  const sourceContext = serializeContext(
    moddleContext as Parameters<typeof serializeContext>[0],
    typeResolver,
  );
  const activities = sourceContext.getActivities();
  const errorCodes = new Map<string, string>();
  for (const element of activities) {
    const code = element.behaviour['errorCode'];
    if (element.type === 'bpmn:Error' && typeof code === 'string')
      errorCodes.set(element.id ?? '', code);
  }
  const userTasks = new Map<string, UserTaskShape>();
  const externalTasks = new Map<string, string>();
  const errorCatchers = new Map<string, { catchesAll: boolean; codes: Set<string> }>();
  const elementVariables = new Map<string, string>();
  for (const activity of activities) {
    const id = activity.id ?? '';
    const behaviour = activity.behaviour;
    if (activity.type === 'bpmn:UserTask') {
      userTasks.set(id, {
        name: typeof activity.name === 'string' ? activity.name : '',
        candidateGroups: stringOrNull(behaviour['candidateGroups']),
        assignee: stringOrNull(behaviour['assignee']),
      });
    }
    if (activity.type === 'bpmn:ServiceTask' && behaviour['type'] === 'external') {
      externalTasks.set(id, stringOrNull(behaviour['topic']) ?? '');
    }
    const elementVariable = loopElementVariable(activity);
    if (elementVariable !== null) elementVariables.set(id, elementVariable);
    indexErrorBoundary(activity, errorCodes, errorCatchers);
  }
  return {
    key: deployment.key,
    version: deployment.version,
    sourceContext,
    userTasks,
    externalTasks,
    errorCatchers,
    elementVariables,
  };
}

/** True when an error boundary on `activityId` catches `errorCode` (else the error is an incident). */
export function catchesError(
  process: CompiledProcess,
  activityId: string,
  errorCode: string,
): boolean {
  const catchers = process.errorCatchers.get(activityId);
  return catchers !== undefined && (catchers.catchesAll || catchers.codes.has(errorCode));
}

function indexErrorBoundary(
  activity: SerializableElement,
  errorCodes: ReadonlyMap<string, string>,
  catchers: Map<string, { catchesAll: boolean; codes: Set<string> }>,
): void {
  const attachedTo = (activity.behaviour['attachedTo'] as { id?: string } | undefined)?.id;
  const definitions = activity.behaviour['eventDefinitions'] as
    readonly { type?: string; behaviour?: { errorRef?: { id?: string } } }[] | undefined;
  if (attachedTo === undefined || definitions === undefined) return;
  for (const definition of definitions) {
    if (definition.type !== 'bpmn:ErrorEventDefinition') continue;
    const entry = catchers.get(attachedTo) ?? { catchesAll: false, codes: new Set<string>() };
    catchers.set(attachedTo, entry);
    const errorRef = definition.behaviour?.errorRef?.id;
    if (errorRef === undefined) {
      entry.catchesAll = true;
      continue;
    }
    // bpmn-elements compares codes as text: an error without errorCode catches nothing.
    const code = errorCodes.get(errorRef);
    if (code !== undefined) entry.codes.add(code);
  }
}

function loopElementVariable(activity: SerializableElement): string | null {
  const loop = activity.behaviour['loopCharacteristics'] as
    { behaviour?: { elementVariable?: unknown; collection?: unknown } } | undefined;
  if (loop?.behaviour?.collection === undefined) return null;
  return stringOrNull(loop.behaviour.elementVariable) ?? 'item';
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
