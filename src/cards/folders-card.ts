// "Largest folders" of one mailbox: the ten largest of its folders and its archive's, each row a
// ColumnSet (Teams mobile renders Table elements blank), Recoverable Items and archive folders marked.
import { formatBytesShort, formatCount } from '../reports/format';
import type { MailboxFolder } from '../model/tenant';
import { plainText } from './plain-text';
import { adaptiveCard, type AdaptiveCard } from './render';

export interface FoldersCardInput {
  displayName: string;
  upn: string;
  folders: MailboxFolder[];
  /** Folders read in all (primary and archive). */
  total: number;
  /** The archive's folders could not be read: why. */
  archiveError?: string;
  actions: object[];
}

function marks(f: MailboxFolder): string {
  return [f.archive ? 'In the archive' : null, f.recoverableItems ? 'Recoverable Items' : null].filter(Boolean).join(' · ');
}

export function foldersCard(input: FoldersCardInput): AdaptiveCard {
  const body: object[] = [
    { type: 'TextBlock', text: 'Largest folders', size: 'Large', weight: 'Bolder', wrap: true },
    {
      type: 'RichTextBlock',
      spacing: 'None',
      inlines: [{ type: 'TextRun', text: `${plainText(input.displayName)} · ${plainText(input.upn, 256)}`, isSubtle: true }],
    },
    {
      type: 'TextBlock',
      text: `${input.folders.length} largest of ${formatCount(input.total)} folders, by their own size (subfolders apart)`,
      isSubtle: true,
      size: 'Small',
      wrap: true,
    },
  ];
  if (input.archiveError)
    body.push({ type: 'TextBlock', text: plainText(`Archive folders not read: ${input.archiveError}`, 300), color: 'Warning', wrap: true });
  for (const f of input.folders) {
    const mark = marks(f);
    body.push({
      type: 'ColumnSet',
      separator: true,
      spacing: 'Small',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: plainText(f.path || f.name, 120) }] },
            ...(mark
              ? [{ type: 'TextBlock', text: mark, size: 'Small', color: f.recoverableItems ? 'Warning' : 'Accent', spacing: 'None' }]
              : []),
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [{ type: 'TextBlock', text: `${formatCount(f.items)} items`, horizontalAlignment: 'Right' }],
        },
        {
          type: 'Column',
          width: 'auto',
          items: [{ type: 'TextBlock', text: formatBytesShort(f.sizeBytes), horizontalAlignment: 'Right', weight: 'Bolder' }],
        },
      ],
    });
  }
  if (input.folders.length === 0) body.push({ type: 'TextBlock', text: 'No folders were returned.', wrap: true });
  return adaptiveCard(body, input.actions);
}
