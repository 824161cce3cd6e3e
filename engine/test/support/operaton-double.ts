/**
 * A DOUBLE OF THE DOCUMENTED ENGINE-REST CONTRACT — NOT OPERATON. No Operaton/Camunda 7 engine
 * can run on these machines, so the Operaton adapter is tested against this node:http server,
 * which implements exactly the engine-rest resources the adapter and
 * camunda-external-task-client-js call, with the request and response shapes, status codes and
 * `{ type, message }` error bodies of the Camunda 7 REST reference, and the engine semantics the
 * adapter relies on:
 * - deployments with duplicate filtering / deploy-changed-only, versioned process definitions;
 * - instances run by an interpreter of the portable BPMN subset (start/end events, exclusive
 *   and parallel gateways, user tasks incl. multi-instance with loopCardinality and
 *   completionCondition, external service tasks, timer and error boundary events), so the
 *   content's XML really executes;
 * - external tasks: fetchAndLock with lockDuration, workerId checks, long polling; a failure
 *   with retries 0 raises an incident, raising the retries resolves it; retryTimeout delays the
 *   next fetch; a BPMN error is caught by a matching error boundary;
 * - typed variables, the 4000-character String column, a missing task → 500 "Cannot find task".
 * It is STRICTER than engine-rest where the adapter must not rely on leniency (untyped values,
 * unknown DTO fields or query parameters, a wrong Content-Type → 4xx), so contract tests fail
 * when the adapter drifts. Its clock is real time plus `advance(ms)`; timers fire on advance.
 * What it cannot prove: Operaton's real transaction/locking behaviour under load, its history
 * levels, authentication, and any BPMN beyond the subset above.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DoubleEngine } from './operaton-double/double-engine';
import {
  createRequestListener,
  type InjectedFault,
  type RecordedRequest,
} from './operaton-double/http';
import { externalTaskRoutes } from './operaton-double/routes-external-tasks';
import { runtimeRoutes } from './operaton-double/routes-runtime';

export type { InjectedFault, RecordedRequest } from './operaton-double/http';

const ROOT = '/engine-rest';

export interface OperatonDouble {
  /** `http://127.0.0.1:<port>/engine-rest`: SENTINEL_OPERATON_URL. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** State behind the resources, for assertions and for arranging edge cases. */
  readonly engine: DoubleEngine;
  /** Requests to `method` + path (below /engine-rest) matching `path`. */
  requestsTo(method: string, path: RegExp): RecordedRequest[];
  /** Answers the next matching request with `fault` instead of the resource. */
  injectFault(fault: InjectedFault): void;
  /** Moves the double's clock forward; due timers fire, retry timeouts and locks expire. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startOperatonDouble(): Promise<OperatonDouble> {
  const engine = new DoubleEngine();
  const requests: RecordedRequest[] = [];
  const faults: InjectedFault[] = [];
  const listener = createRequestListener(
    ROOT,
    [...runtimeRoutes(engine), ...externalTaskRoutes(engine)],
    requests,
    faults,
  );
  const server: Server = createServer((request, response) => {
    void listener(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${ROOT}`,
    requests,
    engine,
    requestsTo: (method, path) =>
      requests.filter((request) => request.method === method && path.test(request.path)),
    injectFault: (fault) => faults.push(fault),
    advance: (ms) => engine.advance(ms),
    async close() {
      engine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
