import { withSubmitFallbacks, TEAMS_MESSAGE_LIMIT } from '../../../src/teams/submit-fallback';

test('every button gets an Action.Submit fallback with the same verb and data; a row click becomes the Action.Submit', () => {
  const card = {
    type: 'AdaptiveCard',
    body: [{ type: 'ColumnSet', columns: [], selectAction: { type: 'Action.Execute', verb: 'report.details', data: { upn: 'a' } } }],
    actions: [
      { type: 'Action.Execute', title: 'Next ▶', verb: 'report.page', data: { o: 25 } },
      { type: 'Action.Execute', title: 'Assign', verb: 'licence.assign', data: {}, style: 'positive' },
      {
        type: 'Action.ShowCard',
        title: 'Sort',
        card: { actions: [{ type: 'Action.Execute', title: 'Largest', verb: 'report.page', data: { o: 0 } }] },
      },
    ],
  };
  const out: any = withSubmitFallbacks(card);
  expect(out.actions[0].fallback).toEqual({ type: 'Action.Submit', title: 'Next ▶', data: { verb: 'report.page', data: { o: 25 } } });
  expect(out.actions[1].fallback).toEqual({
    type: 'Action.Submit',
    title: 'Assign',
    data: { verb: 'licence.assign', data: {} },
    style: 'positive',
  });
  expect(out.actions[2].card.actions[0].fallback.data.verb).toBe('report.page');
  // A selectAction cannot carry a fallback: the row click is the Submit itself, which every client runs.
  expect(out.body[0].selectAction).toEqual({ type: 'Action.Submit', data: { verb: 'report.details', data: { upn: 'a' } } });
  expect((card.actions[0] as any).fallback).toBeUndefined();
  // Applied twice (a fitted card, then the activity), nothing changes.
  expect(withSubmitFallbacks(out)).toEqual(out);
});

test('a large card keeps its fallbacks: the fit budgeted them, so none is dropped', () => {
  const big = {
    type: 'AdaptiveCard',
    body: [{ type: 'TextBlock', text: 'x'.repeat(TEAMS_MESSAGE_LIMIT - 200) }],
    actions: [{ type: 'Action.Execute', title: 'Go', verb: 'v', data: {} }],
  };
  expect((withSubmitFallbacks(big) as any).actions[0].fallback).toEqual({
    type: 'Action.Submit',
    title: 'Go',
    data: { verb: 'v', data: {} },
  });
});
