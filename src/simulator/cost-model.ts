// What answering costs the simulated tenant, and how much it takes before it refuses (GET/PUT
// /_sim/model). It replaces a flat latency: a Get-Mailbox page costs a base plus a cost per record
// that depends on whether the caller trimmed the records with $select; a $batch costs a base plus a
// cost per item; a Graph call costs a base. Exchange admits a number of requests in flight and of
// cmdlets per second per tenant; beyond them requests, or single items inside a $batch, get 429
// with Retry-After.
//
// Every number here is an ASSUMPTION, not a measurement: Microsoft publishes no figure for the
// admin REST gateway (docs/exchange-online.md §6), so the defaults only have to be plausible
// and of the right shape:
// - maxInFlight 3: the legacy remote-PowerShell policy's PowerShellMaxConcurrency (3 per user);
// - cmdletsPerSecond 30: between that policy's ExchangeMaxCmdlets (25) and PowerShellMaxCmdlets
//   (200 per 5 s = 40/s), both per 5 s windows in the 2013 policy dump;
// - pageMs/perRecordMs: a full Get-Mailbox record has ~336 properties (graph2otel's live capture),
//   a $select'ed one about a dozen, hence 4 ms against 1 ms per record;
// - batchMs/perItemMs: one Get-MailboxStatistics reads the mailbox's store, so each item costs
//   more than a directory record.
// The model is never read from the bot's configuration: tests and benches set it here, and the bot
// has to find the limits out for itself.

export interface ExchangeModel {
  /** Requests in flight per tenant before 429; null = no limit. A $batch counts once. */
  maxInFlight: number | null;
  /** Cmdlets started per second per tenant (a page or a $batch item each); null = no limit. */
  cmdletsPerSecond: number | null;
  /** Retry-After (seconds) on the 429s of both limits. */
  retryAfterSeconds: number;
  /** An InvokeCommand answer: pageMs + records × perRecordMs (or × perRecordMsSelected with $select). */
  pageMs: number;
  perRecordMs: number;
  perRecordMsSelected: number;
  /** A $batch answer: batchMs + items × perItemMs. */
  batchMs: number;
  perItemMs: number;
  /**
   * null, or an https origin: requests that reach any other Exchange host are answered 302 to the
   * same path there (a tenant served from `<prefix>.outlook.office365.com`). GET /_sim/info names the
   * simulator's own second Exchange host (`exchangeTenantHost`).
   */
  redirectTo: string | null;
}

/** Graph's side: what its answers cost, and how often the usage report may be asked for. */
export interface GraphModel {
  /** Every Graph answer. */
  callMs: number;
  /** Usage-report CSV requests per 10 minutes before 429 (Microsoft documents 14); null = no limit. */
  reportRequestsPer10Min: number | null;
}

export interface SimulatorModel {
  exchange: ExchangeModel;
  graph: GraphModel;
}

export type ModelPatch = { exchange?: Partial<ExchangeModel>; graph?: Partial<GraphModel> };

/** The assumed Exchange Online (see the top of this file): `npm run simulator` and the report bench. */
export const ASSUMED_MODEL: SimulatorModel = {
  exchange: {
    maxInFlight: 3,
    cmdletsPerSecond: 30,
    retryAfterSeconds: 1,
    pageMs: 500,
    perRecordMs: 4,
    perRecordMsSelected: 1,
    batchMs: 400,
    perItemMs: 120,
    redirectTo: null,
  },
  graph: { callMs: 200, reportRequestsPer10Min: 14 },
};

/**
 * The assumed model's limits at about a tenth of its costs (and a looser cmdlet rate): the demo, and
 * benches that measure the chat rather than Exchange, so they stay snappy.
 */
export const FAST_MODEL: ModelPatch = {
  exchange: { pageMs: 50, perRecordMs: 0.4, perRecordMsSelected: 0.1, batchMs: 40, perItemMs: 12, cmdletsPerSecond: 300 },
  graph: { callMs: 40 },
};

/** Free and unlimited: the default for tests, which set only what they exercise. */
export const INSTANT_MODEL: SimulatorModel = {
  exchange: {
    maxInFlight: null,
    cmdletsPerSecond: null,
    retryAfterSeconds: 1,
    pageMs: 0,
    perRecordMs: 0,
    perRecordMsSelected: 0,
    batchMs: 0,
    perItemMs: 0,
    redirectTo: null,
  },
  graph: { callMs: 0, reportRequestsPer10Min: null },
};

const NULLABLE = new Set(['maxInFlight', 'cmdletsPerSecond', 'redirectTo', 'reportRequestsPer10Min']);

/** The model in force; `merge` is PUT /_sim/model. */
export class ModelBook {
  private model: SimulatorModel;

  constructor(start: ModelPatch = {}, base: SimulatorModel = INSTANT_MODEL) {
    this.model = structuredClone(base);
    this.merge(start);
  }

  get exchange(): Readonly<ExchangeModel> {
    return this.model.exchange;
  }

  get graph(): Readonly<GraphModel> {
    return this.model.graph;
  }

  get(): SimulatorModel {
    return structuredClone(this.model);
  }

  /** Merges what is given; throws a message for the control API on an unknown key or a bad value, changing nothing. */
  merge(patch: unknown): SimulatorModel {
    if (!isRecord(patch)) throw new Error('expected a JSON object such as {"exchange":{"maxInFlight":3}}');
    const next = structuredClone(this.model);
    for (const [section, values] of Object.entries(patch)) {
      if (section !== 'exchange' && section !== 'graph') throw new Error(`unknown key '${section}'; the model has 'exchange' and 'graph'`);
      if (!isRecord(values)) throw new Error(`'${section}' must be an object`);
      const target = next[section] as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(values)) {
        if (!(key in target)) throw new Error(`unknown key '${section}.${key}'; known: ${Object.keys(target).join(', ')}`);
        target[key] = checked(`${section}.${key}`, key, value);
      }
    }
    this.model = next;
    return this.get();
  }
}

function checked(name: string, key: string, value: unknown): unknown {
  if (value === null && NULLABLE.has(key)) return null;
  if (key === 'redirectTo') {
    if (typeof value !== 'string') throw new Error(`'${name}' must be null or an https origin`);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`'${name}' must be null or an https origin, not '${value}'`);
    }
    if (url.protocol !== 'https:') throw new Error(`'${name}' must be an https origin`);
    return url.origin;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new Error(`'${name}' must be a number >= 0${NULLABLE.has(key) ? ' or null' : ''}`);
  if ((key === 'maxInFlight' || key === 'cmdletsPerSecond' || key === 'reportRequestsPer10Min') && value < 1)
    throw new Error(`'${name}' must be at least 1, or null for no limit`);
  return value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A token bucket of cmdlets per second, holding one second's worth. */
export class CmdletRate {
  private tokens = 0;
  private last = 0;
  private perSecond: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes up to `wanted` cmdlets; returns how many may run now. */
  take(wanted: number, perSecond: number | null): number {
    if (perSecond === null) return wanted;
    const t = this.now();
    if (this.perSecond !== perSecond) {
      // A new limit starts with a full second's worth.
      this.perSecond = perSecond;
      this.tokens = perSecond;
    } else {
      this.tokens = Math.min(perSecond, this.tokens + ((t - this.last) / 1000) * perSecond);
    }
    this.last = t;
    const granted = Math.max(0, Math.min(wanted, Math.floor(this.tokens)));
    this.tokens -= granted;
    return granted;
  }

  /**
   * The budget as Exchange's `Rate-Limit-*` headers tell it (ExoHelper reads Rate-Limit-Remaining and
   * Rate-Limit-Reset): the limit, whole cmdlets left now, and seconds until the bucket is full again.
   * From this model only; null when there is no limit.
   */
  headers(perSecond: number | null): Record<string, string> | null {
    if (perSecond === null) return null;
    const tokens =
      this.perSecond === perSecond ? Math.min(perSecond, this.tokens + ((this.now() - this.last) / 1000) * perSecond) : perSecond;
    const resetSeconds = (perSecond - tokens) / perSecond;
    return {
      'Rate-Limit-Limit': String(perSecond),
      'Rate-Limit-Remaining': String(Math.floor(tokens)),
      'Rate-Limit-Reset': resetSeconds.toFixed(3),
    };
  }
}
