// A card button declared once: its verb, a typed builder of its Action.Execute, and the parser of
// the data a click sends back (untrusted: anything the bot's own builder would not have made is
// refused). The action that handles the verb (actions/) and every card or command that shows the
// button use the same declaration. Declarations live here, below cards/ and actions/, because the
// cards that show a button are also what its action answers with.

/** What the bot answers to a click whose data its own button would never have sent. */
export const NOT_UNDERSTOOD_TEXT = 'That button sent something I do not understand.';
export const NOT_UNDERSTOOD = { kind: 'error', status: 400, message: NOT_UNDERSTOOD_TEXT } as const;

export interface ExecuteAction<TData> {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: TData;
  style?: 'positive' | 'destructive';
}

/** TData: what the button carries; TRequest: what its parser makes of a click (defaults to the same). */
export interface CardButton<TData, TRequest = TData> {
  verb: string;
  button(title: string, data: TData, options?: { style?: 'positive' | 'destructive' }): ExecuteAction<TData>;
  /** The data of a click, checked; null when it is not what this button sends. */
  parse(data: Record<string, unknown>): TRequest | null;
}

export function declareButton<TData, TRequest = TData>(
  verb: string,
  parse: (data: Record<string, unknown>) => TRequest | null,
): CardButton<TData, TRequest> {
  return {
    verb,
    button: (title, data, options) => ({ type: 'Action.Execute', title, verb, data, ...(options?.style ? { style: options.style } : {}) }),
    parse,
  };
}
