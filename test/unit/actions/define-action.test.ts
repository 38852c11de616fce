// A card action gets its click's data read by its button's parser, typed; a click the parser
// refuses is answered by the router, once, and never reaches the action.
import { AdminPolicy } from '../../../src/access/admins';
import { defineAction } from '../../../src/actions/define-action';
import { declareButton, NOT_UNDERSTOOD } from '../../../src/buttons/button';
import { Router, type TurnParts } from '../../../src/dispatch/router';
import type { BotServices } from '../../../src/services';
import { Logger } from '../../../src/log';

const TENANT = 'aaaaaaaa-0000-0000-0000-000000000001';
const ADMIN = '00000000-0000-0000-0000-00000000000a';

const countButton = declareButton<{ n: number }, { n: number; doubled: number }>('test.count', (data) =>
  Number.isInteger(data.n) ? { n: data.n as number, doubled: (data.n as number) * 2 } : null,
);

function setup() {
  const seen: { n: number; doubled: number }[] = [];
  const logged: string[] = [];
  const action = defineAction(countButton, async (_ctx, request) => {
    seen.push(request);
    return { kind: 'message', text: `counted ${request.doubled}` };
  });
  const router = new Router([], [action], new AdminPolicy({ admins: [ADMIN], tenantId: TENANT }));
  const turn: TurnParts = {
    caller: { aadObjectId: ADMIN, name: 'Admin' },
    conversation: { id: 'c1', type: 'personal', tenantId: TENANT },
    services: {} as BotServices,
    log: new Logger('info', {}, (line) => logged.push(line)),
    now: () => new Date('2026-01-01T00:00:00Z'),
    later: () => undefined,
    reply: async () => ({ id: 'm1', conversationId: 'c1' }) as never,
  };
  return { router, turn, seen, logged };
}

test("the action gets what its button's parser made of the click", async () => {
  const { router, turn, seen } = setup();
  expect(await router.handleAction(turn, 'test.count', { n: 21 })).toEqual({ kind: 'message', text: 'counted 42' });
  expect(seen).toEqual([{ n: 21, doubled: 42 }]);
});

test('a click the parser refuses is "not understood", logged, and never reaches the action', async () => {
  const { router, turn, seen, logged } = setup();
  for (const data of [{}, { n: 'x' }, { n: 1.5 }, null]) {
    expect(await router.handleAction(turn, 'test.count', data)).toEqual(NOT_UNDERSTOOD);
  }
  expect(seen).toEqual([]);
  const problems = logged.map((l) => JSON.parse(l)).filter((l) => l.msg === 'bad action');
  expect(problems).toHaveLength(4);
  expect(problems[0]).toMatchObject({ problem: 'data not understood', verb: 'test.count' });
});
