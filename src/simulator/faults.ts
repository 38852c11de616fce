// Injected faults and latency (PUT /_sim/faults), for tests and demos of the bot's resilience.
import type { Api } from './wire';

export interface FaultRule {
  api: Api;
  /** A regular expression tested against the path and query. */
  path?: string;
  status?: number;
  retryAfterSeconds?: number;
  /** 0..1, the share of matching requests that get the fault. */
  rate?: number;
  latencyMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  /** Only the first N matching requests get the fault (a transient failure); absent = no limit. */
  times?: number;
  /** Exchange only: the .NET exception the error body names, e.g. DCOverloadedException. */
  exception?: string;
}

export interface FaultOutcome {
  latencyMs: number;
  status?: number;
  retryAfterSeconds?: number;
  reset?: boolean;
  exception?: string;
}

interface CompiledRule extends FaultRule {
  pattern?: RegExp;
  /** Faults this rule has dealt. */
  dealt: number;
}

const APIS: readonly Api[] = ['graph', 'exchange', 'identity'];

export class FaultBook {
  private rules: CompiledRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Replaces every rule; throws a message for the control API on a bad rule. */
  set(input: unknown): FaultRule[] {
    const list = (input as { rules?: unknown })?.rules;
    if (!Array.isArray(list)) throw new Error('expected {"rules":[...]}');
    const compiled: CompiledRule[] = list.map((raw, i) => {
      const r = raw as FaultRule;
      if (!r || !APIS.includes(r.api)) throw new Error(`rules[${i}].api must be one of ${APIS.join(', ')}`);
      if (r.status !== undefined && (!Number.isInteger(r.status) || r.status < 100 || r.status > 599))
        throw new Error(`rules[${i}].status must be an HTTP status`);
      if (r.rate !== undefined && (typeof r.rate !== 'number' || r.rate < 0 || r.rate > 1))
        throw new Error(`rules[${i}].rate must be between 0 and 1`);
      if (r.latencyMs !== undefined && (typeof r.latencyMs !== 'number' || r.latencyMs < 0))
        throw new Error(`rules[${i}].latencyMs must be >= 0`);
      if (r.retryAfterSeconds !== undefined && (typeof r.retryAfterSeconds !== 'number' || r.retryAfterSeconds < 0))
        throw new Error(`rules[${i}].retryAfterSeconds must be >= 0`);
      if (r.times !== undefined && (!Number.isInteger(r.times) || r.times < 1))
        throw new Error(`rules[${i}].times must be a whole number >= 1`);
      if (r.exception !== undefined && (typeof r.exception !== 'string' || !/^[A-Za-z][\w.]*$/.test(r.exception)))
        throw new Error(`rules[${i}].exception must be an exception type name`);
      let pattern: RegExp | undefined;
      if (r.path !== undefined) {
        try {
          pattern = new RegExp(r.path, 'i');
        } catch {
          throw new Error(`rules[${i}].path is not a valid regular expression`);
        }
      }
      return { ...r, pattern, dealt: 0 };
    });
    this.rules = compiled;
    return this.list();
  }

  list(): FaultRule[] {
    return this.rules.map(({ pattern: _pattern, dealt: _dealt, ...rule }) => rule);
  }

  /** Rolls every matching rule once; latency adds up, the first status or reset wins. */
  roll(api: Api, pathAndQuery: string): FaultOutcome | undefined {
    let outcome: FaultOutcome | undefined;
    for (const rule of this.rules) {
      if (rule.api !== api) continue;
      if (rule.pattern && !rule.pattern.test(pathAndQuery)) continue;
      if (rule.times !== undefined && rule.dealt >= rule.times) continue;
      if (this.random() >= (rule.rate ?? 1)) continue;
      outcome ??= { latencyMs: 0 };
      outcome.latencyMs += rule.latencyMs ?? 0;
      // A rule counts as dealt when its failure is the one given (or it only adds latency).
      if ((rule.status === undefined && !rule.reset) || (outcome.status === undefined && !outcome.reset)) rule.dealt++;
      if (outcome.status === undefined && !outcome.reset) {
        if (rule.reset) outcome.reset = true;
        else if (rule.status !== undefined) {
          outcome.status = rule.status;
          outcome.retryAfterSeconds = rule.retryAfterSeconds;
          if (rule.exception !== undefined) outcome.exception = rule.exception;
        }
      }
    }
    return outcome;
  }
}
