// Keeps a finished report table (shared, licenses) so its Export button needs no second read of the
// tenant. Storage failing costs only the button, never the report.
import type { CsvTable } from '../reports/licensing/licence-csv';
import type { TableSnapshotData } from '../exports/serve';
import type { TurnBaseContext } from './types';

export async function saveTableSnapshot(
  ctx: TurnBaseContext,
  fields: { kind: 'shared' | 'licenses'; commandText: string; complete: boolean; table: CsvTable },
): Promise<string | undefined> {
  try {
    const snapshot = await ctx.services.snapshots.save<TableSnapshotData>({
      kind: fields.kind,
      conversationId: ctx.conversation.id,
      commandText: fields.commandText,
      complete: fields.complete,
      data: { table: fields.table },
    });
    return snapshot.id;
  } catch (err) {
    ctx.log.warn('snapshot not saved', { err: err as Error, kind: fields.kind });
    return undefined;
  }
}
