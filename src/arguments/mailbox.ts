// Reads `mailbox <upn or name>`: which mailbox the admin means, checked for shape only.

export type MailboxIdentityKind = 'upn' | 'id' | 'name';
export type MailboxArgument = { ok: true; identity: string; kind: MailboxIdentityKind } | { ok: false; message: string };

export const MAX_MAILBOX_ARGUMENT = 256;
// C0, DEL, C1 and the Unicode line/paragraph separators: nothing a name or address holds.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const QUOTES = '"\'“”‘’<>';
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseMailboxArgument(text: string): MailboxArgument {
  let identity = text.trim();
  if (identity.length >= 2 && QUOTES.includes(identity[0]) && QUOTES.includes(identity[identity.length - 1])) {
    identity = identity.slice(1, -1).trim();
  }
  // Some clients send a typed address as "mailto:alex@contoso.com".
  if (/^mailto:/i.test(identity)) identity = identity.slice('mailto:'.length);
  if (!identity) return { ok: false, message: 'Which mailbox? Try: mailbox alex@contoso.com' };
  if (identity.length > MAX_MAILBOX_ARGUMENT) {
    return { ok: false, message: `That is too long for a mailbox name or address (at most ${MAX_MAILBOX_ARGUMENT} characters).` };
  }
  if (CONTROL.test(identity)) return { ok: false, message: 'A mailbox name or address cannot contain line breaks or control characters.' };
  if (GUID.test(identity)) return { ok: true, identity, kind: 'id' };
  if (identity.includes('@')) {
    if (!ADDRESS.test(identity)) return { ok: false, message: 'That does not look like an address. Try: mailbox alex@contoso.com' };
    return { ok: true, identity, kind: 'upn' };
  }
  return { ok: true, identity, kind: 'name' };
}
