// The path every request to a simulated service takes: throttling, injected faults, the handler,
// the time the answer costs (the cost model), the request counters. A $batch sends each inner
// request through `inner`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultBook } from './faults';
import type { RequestLog } from './request-log';
import { readBody, SimRequest, SimResponse, toSimRequest, writeResponse, Api } from './wire';

export interface Service {
  api: Api;
  /** How long producing this answer takes (cost-model.ts); slept before it is written. */
  costMs?(req: SimRequest, response: SimResponse): number;
  handle(req: SimRequest, door: FrontDoor): Promise<SimResponse>;
  /** An error in the service's own shape, for injected faults and internal failures. */
  errorResponse(req: SimRequest, status: number, retryAfterSeconds?: number, exception?: string): SimResponse;
  /** Throttling on requests in flight: a refusal, or undefined to let the request in. */
  admit?(req: SimRequest): SimResponse | undefined;
  leave?(req: SimRequest): void;
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

export class FrontDoor {
  constructor(
    readonly service: Service,
    private readonly faults: FaultBook,
    private readonly log: RequestLog,
    private readonly quiet: boolean,
  ) {}

  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.serve(req, res).catch((error: unknown) => {
      if (!this.quiet) console.error(`[simulator:${this.service.api}]`, error);
      if (!res.headersSent) res.destroy();
    });
  };

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      const sim = toSimRequest(req, Buffer.alloc(0));
      const response = this.service.errorResponse(sim, 413);
      this.log.record(this.service.api, sim.method, sim.path, response.status);
      writeResponse(res, { ...response, headers: { ...response.headers, Connection: 'close' } });
      return;
    }
    const sim = toSimRequest(req, body);
    const refused = this.service.admit?.(sim);
    if (refused) {
      this.log.record(this.service.api, sim.method, sim.path, refused.status, sim.note.cmdlet);
      writeResponse(res, refused);
      return;
    }
    let response: SimResponse;
    try {
      response = await this.answer(sim);
      if (!response.reset) await sleep(this.service.costMs?.(sim, response) ?? 0);
    } finally {
      this.service.leave?.(sim);
    }
    this.log.record(this.service.api, sim.method, sim.path, response.reset ? 0 : response.status, sim.note.cmdlet);
    writeResponse(res, response);
  }

  /** Faults, then the handler; never throws. */
  private async answer(sim: SimRequest): Promise<SimResponse> {
    const fault = this.faults.roll(this.service.api, sim.rawPathAndQuery);
    if (fault) {
      await sleep(fault.latencyMs);
      if (fault.reset) return sim.inner ? this.service.errorResponse(sim, 503) : { status: 0, reset: true };
      if (fault.status !== undefined) return this.service.errorResponse(sim, fault.status, fault.retryAfterSeconds, fault.exception);
    }
    try {
      return await this.service.handle(sim, this);
    } catch (error) {
      if (!this.quiet) console.error(`[simulator:${this.service.api}] ${sim.method} ${sim.path}`, error);
      return this.service.errorResponse(sim, 500);
    }
  }

  /** One request inside a $batch: its own faults and its own count; the $batch's cost covers its time. */
  async inner(sim: SimRequest): Promise<SimResponse> {
    sim.inner = true;
    const response = await this.answer(sim);
    this.log.record(this.service.api, sim.method, sim.path, response.status, sim.note.cmdlet, true);
    return response;
  }

  /** One request inside a $batch that the service refused before running it (e.g. throttled): counted all the same. */
  refusedInner(sim: SimRequest, response: SimResponse): SimResponse {
    sim.inner = true;
    this.log.record(this.service.api, sim.method, sim.path, response.status, undefined, true);
    return response;
  }
}
