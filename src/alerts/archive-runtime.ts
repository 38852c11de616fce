// Archive readings put together for one bot instance: the store, `archives live`'s read-now, and the
// background refresh on its own lease (locks/archive-refresh), so instances sharing the storage take
// turns and a slow refresh never holds up the alert cycle.
import type { TokenCredential } from '@azure/identity';
import type { BotConfig } from '../config';
import type { Logger } from '../log';
import type { TenantClients } from '../m365/tenant-clients';
import { ArchiveReadings } from '../state/archive-readings';
import { BlobCycleLock, stateContainer, type CycleLock } from '../state/lease';
import type { StateStore } from '../state/store';
import {
  refreshArchives,
  refreshUnderLease,
  startArchiveRefresh,
  type ArchiveRefreshReport,
  type ArchiveRefreshTimer,
  unreadReadBy,
} from './archive-refresh';

/** A background round every 15 minutes reads 1/96 of the archives: each at least once a day. */
export const ARCHIVE_REFRESH_INTERVAL_MS = 15 * 60_000;

export interface ArchiveServices {
  readings: ArchiveReadings;
  /** Reads every archive now (`archives live`), at the pace Exchange allows. */
  readAllNow(options?: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<ArchiveRefreshReport>;
  /** Reads these archives now (by id), at the pace Exchange allows: `archives` on the ones never read. */
  readNow(
    ids: readonly string[],
    options?: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<ArchiveRefreshReport>;
  /** When the background refresh will have read `unread` never-read archives of `total`; null when it is off. */
  unreadReadBy(unread: number, total: number, now: Date): Date | null;
  /** One background round now (tests, the benchmark); null when another instance holds the lease. */
  refreshRound(): Promise<ArchiveRefreshReport | null>;
}

export interface ArchiveRuntime {
  services: ArchiveServices;
  stop(): Promise<void>;
}

export function createArchiveRuntime(options: {
  config: BotConfig;
  tenant: TenantClients;
  state: StateStore;
  credential: TokenCredential;
  log: Logger;
  clock?: () => Date;
  lock?: CycleLock;
}): ArchiveRuntime {
  const now = options.clock ?? (() => new Date());
  const readings = new ArchiveReadings(options.state);
  const lock = options.lock ?? new BlobCycleLock(stateContainer(options.config, options.credential), { blob: 'locks/archive-refresh' });
  const log = options.log.child({ part: 'archives' });
  let refusalLogged = false;
  const onOrganizationRefused = (err: Error) => {
    if (refusalLogged) return;
    refusalLogged = true;
    log.warn(
      "Exchange refused Get-OrganizationConfig to the bot's identity: each archive's own AutoExpandingArchiveEnabled decides its cap, so an organisation-wide auto-expanding archive shows 100 GB. Global Reader (View-Only Configuration) can read it.",
      { job: 'archive refresh', err },
    );
  };
  const refreshRound = () =>
    refreshUnderLease(lock, (signal) =>
      refreshArchives(options.tenant.exchange, readings, now, { intervalMs: ARCHIVE_REFRESH_INTERVAL_MS, signal, onOrganizationRefused }),
    );
  // The background refresh runs where the alert timer runs: off when cycles are driven from outside.
  const timer: ArchiveRefreshTimer | null =
    options.config.alertIntervalMinutes > 0 ? startArchiveRefresh(refreshRound, ARCHIVE_REFRESH_INTERVAL_MS, log) : null;
  return {
    services: {
      readings,
      readAllNow: (o = {}) => refreshArchives(options.tenant.exchange, readings, now, { ...o, all: true, onOrganizationRefused }),
      readNow: (ids, o = {}) => refreshArchives(options.tenant.exchange, readings, now, { ...o, only: ids }),
      unreadReadBy: (unread, total, at) => (timer ? unreadReadBy(unread, total, ARCHIVE_REFRESH_INTERVAL_MS, at) : null),
      refreshRound,
    },
    stop: async () => {
      await timer?.stop();
    },
  };
}
