// Everything a command, a card action or the alert cycle may use: the tenant's clients (built by
// m365/tenant-clients.ts), the bot's state, export links and the alert runtime.
import type { BotConfig } from './config';
import type { TenantClients } from './m365/tenant-clients';
import type { StateStore } from './state/store';
import type { SnapshotStore } from './state/snapshots';
import type { ExportLinks } from './exports/links';
import type { ConversationStore } from './state/conversations';
import type { SubscriptionStore } from './state/subscriptions';
import type { LedgerStore } from './state/ledger';
import type { CycleReport, RunOptions } from './alerts/cycle';

export interface BotServices {
  config: BotConfig;
  tenant: TenantClients;
  /** All bot state, in Blob Storage. */
  state: StateStore;
  /** Report rows kept for the buttons of their cards. */
  snapshots: SnapshotStore;
  exportLinks: ExportLinks;
  alerts: AlertServices;
}

/** Proactive alerts: where the bot can speak, who subscribed, what was sent, and the check cycle. */
export interface AlertServices {
  conversations: ConversationStore;
  subscriptions: SubscriptionStore;
  ledger: LedgerStore;
  /** Runs a check cycle now (the lease still decides whether this instance runs it). */
  runCycle(options?: RunOptions): Promise<CycleReport>;
}
