// The OData $filter forms the bot sends to GET /users, parsed into a predicate. Anything else is
// refused as Graph refuses a query it does not support.
import { readQuoted } from '../quoted-literal';
import type { FixtureUser } from '../tenant/fixture';

export class FilterError extends Error {
  constructor(
    readonly code: 'BadRequest' | 'Request_UnsupportedQuery',
    message: string,
  ) {
    super(message);
  }
}

type Token = { kind: 'word' | 'string' | 'punct'; text: string; at: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      const literal = readQuoted(input, i);
      if (!literal)
        throw new FilterError('BadRequest', `Invalid filter clause: unterminated string literal at position ${i} in '${input}'.`);
      tokens.push({ kind: 'string', text: literal.text, at: i });
      i = literal.end;
    } else if ('(),:'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, at: i++ });
    } else {
      const at = i;
      while (i < input.length && /[A-Za-z0-9_./$-]/.test(input[i])) i++;
      if (i === at) throw new FilterError('BadRequest', `Invalid filter clause: syntax error at position ${at} in '${input}'.`);
      tokens.push({ kind: 'word', text: input.slice(at, i), at });
    }
  }
  return tokens;
}

type Predicate = (user: FixtureUser) => boolean;

const STRING_PROPERTIES: Record<string, (u: FixtureUser) => string | null | undefined> = {
  id: (u) => u.id,
  userprincipalname: (u) => u.userPrincipalName,
  mail: (u) => u.mail,
  displayname: (u) => u.displayName,
  usagelocation: (u) => u.usageLocation,
  usertype: (u) => u.userType ?? 'Member',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseUserFilter(input: string): Predicate {
  const tokens = tokenize(input);
  let pos = 0;
  const unsupported = (): never => {
    throw new FilterError('Request_UnsupportedQuery', 'Unsupported Query.');
  };
  const syntax = (): never => {
    const at = tokens[pos]?.at ?? input.length;
    throw new FilterError('BadRequest', `Invalid filter clause: syntax error at position ${at} in '${input}'.`);
  };
  const peek = (): Token | undefined => tokens[pos];
  const expect = (text: string): void => {
    if (peek()?.text.toLowerCase() !== text) syntax();
    pos++;
  };
  const word = (): string => {
    const t = peek();
    if (t?.kind !== 'word') syntax();
    pos++;
    return t!.text;
  };
  const str = (): string => {
    const t = peek();
    if (t?.kind !== 'string') syntax();
    pos++;
    return t!.text;
  };

  const clause = (): Predicate => {
    const first = word();
    const lower = first.toLowerCase();
    if (lower === 'startswith') {
      expect('(');
      const property = word().toLowerCase();
      expect(',');
      const prefix = str().toLowerCase();
      expect(')');
      if (property !== 'displayname' && property !== 'userprincipalname' && property !== 'mail') unsupported();
      const read = STRING_PROPERTIES[property];
      return (u) => (read(u) ?? '').toLowerCase().startsWith(prefix);
    }
    if (lower === 'assignedlicenses/any') {
      expect('(');
      const variable = word();
      expect(':');
      const path = word();
      if (path.toLowerCase() !== `${variable.toLowerCase()}/skuid`) unsupported();
      expect('eq');
      const t = peek();
      const skuId = t?.kind === 'string' ? str() : word();
      expect(')');
      if (!GUID.test(skuId)) syntax();
      const wanted = skuId.toLowerCase();
      return (u) => u.assignedLicenses.some((l) => l.skuId.toLowerCase() === wanted);
    }
    if (lower === 'accountenabled') {
      expect('eq');
      const value = word().toLowerCase();
      if (value !== 'true' && value !== 'false') syntax();
      const wanted = value === 'true';
      return (u) => u.accountEnabled === wanted;
    }
    const read = STRING_PROPERTIES[lower];
    if (!read) unsupported();
    expect('eq');
    if (peek()?.kind === 'word' && peek()!.text === 'null') {
      pos++;
      return (u) => read(u) === null || read(u) === undefined;
    }
    const wanted = str().toLowerCase();
    return (u) => (read(u) ?? '').toLowerCase() === wanted;
  };

  const clauses: Predicate[] = [clause()];
  while (pos < tokens.length) {
    const joiner = word().toLowerCase();
    if (joiner === 'or') unsupported();
    if (joiner !== 'and') syntax();
    clauses.push(clause());
  }
  return (u) => clauses.every((p) => p(u));
}
