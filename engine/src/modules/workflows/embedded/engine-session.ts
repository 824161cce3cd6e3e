import { Engine, type BpmnEngineOptions } from 'bpmn-engine';
import type { VariableValue } from '../runtime';
import { DeferredTimers, type TimerRecord } from './deferred-timers';
import {
  externalTaskExtension,
  ExternalTaskBpmnError,
  type ExternalTaskCall,
  type JobOutcome,
} from './external-task-service';
import { juelExpressions, type ExpressionContent, type ExpressionScope } from './juel-expressions';
import type { CompiledProcess } from './process-compiler';

/** An external task the instance waits at; its job's id is the handler's idempotency key. */
export interface WaitingJob {
  readonly jobId: string;
  readonly activityId: string;
  readonly topic: string;
}

/** A postponed element as bpmn-engine's `getPostponed()` lists it. */
export interface PostponedElement {
  readonly id: string;
  readonly type: string;
  readonly executionId: string;
  readonly content: ExpressionContent;
  signal(message?: unknown): void;
  getExecuting?(): PostponedElement[];
}

export interface SessionInput {
  readonly process: CompiledProcess;
  readonly instanceId: string;
  /** Copied: the session merges job and task outputs into its own object. */
  readonly variables: Readonly<Record<string, VariableValue>>;
  /** "Now" for this hydration (the injected clock, or the background pass's time). */
  readonly now: Date;
  readonly timers: readonly TimerRecord[];
  /** Finished jobs by job id: applied when the engine (re-)enters their service task. */
  readonly jobOutcomes: ReadonlyMap<string, JobOutcome>;
}

/** The parts of bpmn-engine's Execution its own `getState()` reads. */
interface LeanExecution {
  readonly state: string;
  readonly stopped: boolean;
  readonly environment: { getState(): unknown };
  readonly definitions: readonly { getState(): unknown }[];
}

/** bpmn-engine logs through `debug` by default; a per-scope logger per element costs time. */
const SILENT_LOGGER = () => ({ debug: noop, error: noop, warn: noop });
function noop(): void {}

/**
 * One hydration of one instance: an Engine built from the cached compiled context, run until it
 * is quiescent (every step is synchronous once `execute`/`resume` returns: services answer from
 * the job store, timers only record due times), read, and then dropped.
 */
export class EngineSession {
  private variablesNow: Record<string, VariableValue>;
  private readonly timers: DeferredTimers;
  private readonly consumed = new Set<string>();
  /** External tasks this live engine waits at, by job id: how to continue it in place. */
  private readonly parked = new Map<string, (error: ExternalTaskBpmnError | null) => void>();
  private failure: Error | null = null;
  private ended = false;
  private changes = 0;
  private readonly engine: Engine;

  private constructor(private readonly input: SessionInput) {
    this.variablesNow = { ...input.variables };
    this.timers = new DeferredTimers(input.now, input.timers);
    const elementVariables = input.process.elementVariables;
    const scope = (): ExpressionScope => ({ variables: this.variablesNow, elementVariables });
    const options = {
      name: input.instanceId,
      sourceContext: input.process.sourceContext,
      Logger: SILENT_LOGGER,
      expressions: juelExpressions(scope),
      timers: this.timers,
      extensions: { externalTasks: externalTaskExtension(this.onExternalTask) },
      // An element left (completed, discarded, interrupted): the instance moved. Also catches a
      // timer bpmn-engine itself found expired by the wall clock while resuming.
      listener: { emit: (event: string) => event === 'activity.leave' && (this.changes += 1) },
    };
    // bpmn-engine's typings describe its own Timer and Extension classes; these are duck-typed
    // to the same calls (see deferred-timers.ts and external-task-service.ts).
    this.engine = new Engine(options as unknown as BpmnEngineOptions);
    this.engine.on('end', () => (this.ended = true));
    this.engine.on('error', (error: Error) => (this.failure ??= error));
  }

  /** Starts a new instance and runs it until it waits. */
  static async start(input: SessionInput): Promise<EngineSession> {
    const session = new EngineSession(input);
    await session.engine.execute();
    session.changes += 1;
    return session;
  }

  /** Recovers an instance from its lean state (with the compiled context) and resumes it. */
  static async resume(input: SessionInput, engineState: string): Promise<EngineSession> {
    const session = new EngineSession(input);
    session.engine.recover(JSON.parse(engineState));
    await session.engine.resume();
    return session;
  }

  get variables(): Readonly<Record<string, VariableValue>> {
    return this.variablesNow;
  }

  get completed(): boolean {
    return this.ended;
  }

  /** An error the engine stopped on (an expression that failed, an uncaught BPMN error). */
  get error(): Error | null {
    return this.failure;
  }

  /** True once anything moved: a start, a fired timer, an applied job, a completed task. */
  get progressed(): boolean {
    return this.changes > 0;
  }

  /** Job ids whose outcome this hydration applied. */
  get consumedJobs(): ReadonlySet<string> {
    return this.consumed;
  }

  /**
   * Continues this still-live engine with a job's outcome (the fast path: the engine that parked
   * at the task is kept while its in-process handler runs); false when it does not wait there.
   */
  deliverOutcome(jobId: string, outcome: JobOutcome, now: Date): boolean {
    const complete = this.parked.get(jobId);
    if (complete === undefined) return false;
    this.parked.delete(jobId);
    this.timers.moveTo(now);
    this.apply(jobId, outcome, complete);
    return true;
  }

  /** Fires the timers due at `now` (also those that fell due while the instance was parked). */
  fireDueTimers(now: Date): number {
    const fired = this.timers.fireDue(now);
    this.changes += fired;
    return fired;
  }

  /** Writes variables over the process variables (bpmn-engine merges no outputs itself). */
  mergeVariables(changes: Readonly<Record<string, VariableValue>>): void {
    this.variablesNow = { ...this.variablesNow, ...changes };
  }

  /** Signals the waiting user task execution; false when it is not waiting (any more). */
  completeUserTask(executionId: string): boolean {
    const task = this.waiting().find(
      (element) => element.executionId === executionId && element.type === 'bpmn:UserTask',
    );
    if (task === undefined) return false;
    // A defined output marks the iteration as finished for nrOfCompletedInstances.
    task.signal({});
    this.changes += 1;
    return true;
  }

  /** Postponed elements, with multi-instance bodies replaced by their running iterations. */
  waiting(): PostponedElement[] {
    if (this.ended || this.failure !== null) return [];
    const execution = this.engine.execution as unknown as
      { getPostponed(): PostponedElement[] } | undefined;
    const result: PostponedElement[] = [];
    for (const element of execution?.getPostponed() ?? []) {
      const iterations = element.getExecuting?.() ?? [];
      if (iterations.length > 0) result.push(...iterations);
      else result.push(element);
    }
    return result;
  }

  /** External tasks the instance now waits at. */
  waitingJobs(): WaitingJob[] {
    const jobs: WaitingJob[] = [];
    for (const element of this.waiting()) {
      const topic = this.input.process.externalTasks.get(element.id);
      if (element.type !== 'bpmn:ServiceTask' || topic === undefined) continue;
      jobs.push({
        jobId: jobIdFor(this.input.instanceId, element.executionId),
        activityId: element.id,
        topic,
      });
    }
    return jobs;
  }

  timerRecords(): TimerRecord[] {
    return this.ended ? [] : this.timers.records();
  }

  /**
   * The lean state: what bpmn-engine's `getState()` returns minus `definitions[].source` (the
   * whole model, which it serializes on every call), assembled from the same parts so nothing is
   * serialized only to be thrown away. `recover()` takes the model from the compiled context.
   */
  leanState(): string | null {
    if (this.ended) return null;
    const execution = this.engine.execution as unknown as LeanExecution;
    return JSON.stringify({
      name: this.input.instanceId,
      state: execution.state,
      stopped: execution.stopped,
      environment: execution.environment.getState(),
      definitions: execution.definitions.map((definition) => definition.getState()),
    });
  }

  /** Called by the engine on every arrival at an external task, also when resuming. */
  private readonly onExternalTask = (
    call: ExternalTaskCall,
    complete: (error: ExternalTaskBpmnError | null) => void,
  ): void => {
    const jobId = jobIdFor(this.input.instanceId, call.executionId);
    const outcome = this.input.jobOutcomes.get(jobId);
    if (outcome === undefined) {
      this.parked.set(jobId, complete); // the job executor runs the handler outside the engine
      return;
    }
    this.apply(jobId, outcome, complete);
  };

  private apply(
    jobId: string,
    outcome: JobOutcome,
    complete: (error: ExternalTaskBpmnError | null) => void,
  ): void {
    this.consumed.add(jobId);
    this.changes += 1;
    this.mergeVariables(outcome.variables);
    if (outcome.kind === 'success') complete(null);
    else complete(new ExternalTaskBpmnError(outcome.errorCode, outcome.message));
  }
}

/** The job of one arrival at an external task: also the handler's idempotency key. */
export function jobIdFor(instanceId: string, executionId: string): string {
  return `${instanceId}:${executionId}`;
}
