// Counts of what the simulated services answered (GET /_sim/requests), so a test can assert how
// many calls the bot made and how many were refused.
import type { Api } from './wire';

export interface ApiCounts {
  total: number;
  /** "METHOD /path" (no query) → count. */
  paths: Record<string, number>;
  /** HTTP status → count. */
  statuses: Record<string, number>;
  /** Exchange cmdlet name → count. */
  cmdlets: Record<string, number>;
  /** HTTP status → count, of the requests inside a $batch only (also counted in `statuses`). */
  innerStatuses: Record<string, number>;
}

export interface RequestCounts {
  total: number;
  apis: Record<Api, ApiCounts>;
}

const empty = (): ApiCounts => ({ total: 0, paths: {}, statuses: {}, cmdlets: {}, innerStatuses: {} });
const bump = (table: Record<string, number>, key: string): void => {
  table[key] = (table[key] ?? 0) + 1;
};

export class RequestLog {
  private counts: RequestCounts = this.fresh();

  private fresh(): RequestCounts {
    return { total: 0, apis: { graph: empty(), exchange: empty(), identity: empty() } };
  }

  record(api: Api, method: string, path: string, status: number, cmdlet?: string, inner = false): void {
    const a = this.counts.apis[api];
    this.counts.total++;
    a.total++;
    bump(a.paths, `${method} ${path}`);
    bump(a.statuses, String(status));
    if (inner) bump(a.innerStatuses, String(status));
    if (cmdlet) bump(a.cmdlets, cmdlet);
  }

  snapshot(): RequestCounts {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = this.fresh();
  }
}
