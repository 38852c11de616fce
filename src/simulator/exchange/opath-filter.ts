// The OPATH -Filter forms the bot gives Get-Mailbox, parsed into a predicate over mailboxes.
// Anything else is refused with Exchange's "Invalid filter syntax" binding error.
import { readQuoted } from '../quoted-literal';
import type { MailboxUser, TenantState } from '../tenant-state';

export class OpathError extends Error {
  /** 1-based position of the offending text, as Exchange reports it. */
  constructor(readonly position: number) {
    super(`Invalid filter syntax at position ${position}`);
  }
}

type Token = { kind: 'op' | 'word' | 'string' | 'var' | 'paren'; text: string; at: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', text: c, at: i++ });
    } else if (c === "'" || c === '"') {
      const literal = readQuoted(input, i);
      if (!literal) throw new OpathError(i + 1);
      tokens.push({ kind: 'string', text: literal.text, at: i });
      i = literal.end;
    } else {
      const at = i;
      while (i < input.length && !/[\s()'"]/.test(input[i])) i++;
      const text = input.slice(at, i);
      tokens.push({ kind: text.startsWith('-') ? 'op' : text.startsWith('$') ? 'var' : 'word', text, at });
    }
  }
  return tokens;
}

type Predicate = (m: MailboxUser) => boolean;
type Value = string | boolean | null;

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

export function parseOpathFilter(input: string, state: TenantState): Predicate {
  const strings: Record<string, (m: MailboxUser) => string> = {
    displayname: (m) => m.displayName,
    userprincipalname: (m) => m.userPrincipalName,
    primarysmtpaddress: (m) => state.primarySmtpAddress(m),
    windowsemailaddress: (m) => state.primarySmtpAddress(m),
    alias: (m) => state.alias(m),
    recipienttypedetails: (m) => m.mailbox.recipientTypeDetails,
    archivestatus: (m) => m.mailbox.archiveStatus,
    externaldirectoryobjectid: (m) => m.id,
  };
  const booleans: Record<string, (m: MailboxUser) => boolean> = {
    litigationholdenabled: (m) => m.mailbox.litigationHoldEnabled,
    autoexpandingarchiveenabled: (m) => m.mailbox.autoExpandingArchiveEnabled ?? false,
  };
  const tokens = tokenize(input);
  let pos = 0;
  const fail = (): never => {
    throw new OpathError((tokens[pos]?.at ?? input.length) + 1);
  };
  const peek = (): Token | undefined => tokens[pos];

  const value = (): Value => {
    const t = peek();
    if (!t) return fail();
    pos++;
    if (t.kind === 'string') return t.text;
    if (t.kind === 'var') {
      const v = t.text.toLowerCase();
      if (v === '$true') return true;
      if (v === '$false') return false;
      if (v === '$null') return null;
    }
    if (t.kind === 'word') return t.text;
    pos--;
    return fail();
  };

  const comparison = (): Predicate => {
    const prop = peek();
    if (prop?.kind !== 'word') return fail();
    const name = prop.text.toLowerCase();
    const readString = strings[name];
    const readBool = booleans[name];
    if (!readString && !readBool) return fail();
    pos++;
    const opToken = peek();
    if (opToken?.kind !== 'op') return fail();
    const op = opToken.text.toLowerCase();
    pos++;
    const v = value();
    if (readBool) {
      if (op !== '-eq' && op !== '-ne') {
        pos--;
        return fail();
      }
      const wanted = typeof v === 'boolean' ? v : typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : fail();
      return op === '-eq' ? (m) => readBool(m) === wanted : (m) => readBool(m) !== wanted;
    }
    if (typeof v !== 'string') {
      if (v === null && (op === '-eq' || op === '-ne')) return op === '-eq' ? (m) => !readString(m) : (m) => !!readString(m);
      pos--;
      return fail();
    }
    const lower = v.toLowerCase();
    switch (op) {
      case '-eq':
        return (m) => readString(m).toLowerCase() === lower;
      case '-ne':
        return (m) => readString(m).toLowerCase() !== lower;
      case '-like': {
        const re = likeRegex(v);
        return (m) => re.test(readString(m));
      }
      case '-notlike': {
        const re = likeRegex(v);
        return (m) => !re.test(readString(m));
      }
      case '-gt':
        return (m) => readString(m).toLowerCase() > lower;
      case '-lt':
        return (m) => readString(m).toLowerCase() < lower;
      default:
        pos -= 2;
        return fail();
    }
  };

  const factor = (): Predicate => {
    const t = peek();
    if (t?.kind === 'op' && t.text.toLowerCase() === '-not') {
      pos++;
      const inner = factor();
      return (m) => !inner(m);
    }
    if (t?.kind === 'paren' && t.text === '(') {
      pos++;
      const inner = expr();
      if (peek()?.text !== ')') return fail();
      pos++;
      return inner;
    }
    return comparison();
  };

  const term = (): Predicate => {
    const parts = [factor()];
    while (peek()?.kind === 'op' && peek()!.text.toLowerCase() === '-and') {
      pos++;
      parts.push(factor());
    }
    return parts.length === 1 ? parts[0] : (m) => parts.every((p) => p(m));
  };

  const expr = (): Predicate => {
    const parts = [term()];
    while (peek()?.kind === 'op' && peek()!.text.toLowerCase() === '-or') {
      pos++;
      parts.push(term());
    }
    return parts.length === 1 ? parts[0] : (m) => parts.some((p) => p(m));
  };

  if (!tokens.length) throw new OpathError(1);
  const predicate = expr();
  if (pos < tokens.length) fail();
  return predicate;
}
