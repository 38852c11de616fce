// An action declared from its button, in the manner of teams-ai's `app.adaptiveCards.actionExecute<TData>`:
// the handler gets the click's data already read by the button's parser, typed. The router runs the
// parser and answers a click it refuses ("not understood"), so no handler reads raw data or repeats that.
import type { CardButton } from '../buttons/button';
import type { ActionContext, ActionResult, CardAction } from '../dispatch/types';

export function defineAction<TData, TRequest>(
  button: CardButton<TData, TRequest>,
  run: (ctx: ActionContext, request: TRequest) => Promise<ActionResult>,
): CardAction<TRequest> {
  return { verb: button.verb, button, run };
}
