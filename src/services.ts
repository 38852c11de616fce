// Everything a command, a card action or the alert cycle may use: the tenant's clients (built by
// m365/tenant-clients.ts), the bot's state, export links and the alert runtime.
import type { BotConfig } from './config';
import type { TenantClients } from './m365/tenant-clients';
import type { StateStore } from './state/store';
import type { SnapshotStore } from './state/snapshots';
import type { ExportLinks } from './exports/links';
import type { AlertServices } from './alerts/runtime';
import type { ScheduleServices } from './schedules/runtime';
import type { UsageServices } from './m365/mailbox-usage';
import type { ChatTurns } from './runner/chat-turns';
import type { KeepsConversationState } from './model/conversation';
import type { HistoryStore } from './history/history-store';
import type { HistoryCollector } from './history/collect';
import type { ArchiveServices } from './alerts/archive-runtime';

export type { AlertServices, UsageServices };

export interface BotServices {
  config: BotConfig;
  tenant: TenantClients;
  /** All bot state, in Blob Storage. */
  state: StateStore;
  /** Report rows kept for the buttons of their cards. */
  snapshots: SnapshotStore;
  exportLinks: ExportLinks;
  alerts: AlertServices;
  /** Scheduled reports: their definitions, run ledgers, and a run made now. */
  schedules: ScheduleServices;
  /** Microsoft 365's usage report, kept for every report and admin, and the size from which it is used. */
  usage: UsageServices;
  /** Chat turns in progress: reports let them be answered first. */
  chats: ChatTurns;
  /** Every feature that keeps state per conversation: each forgets its own when the bot is removed. */
  conversationState: KeepsConversationState[];
  /** Every mailbox's daily figures, and their collection. */
  history: HistoryServices;
  /** Archive readings kept in storage, refreshed in the background; `archives live` reads now. */
  archives: ArchiveServices;
}

export interface HistoryServices {
  store: HistoryStore;
  collector: HistoryCollector;
}
