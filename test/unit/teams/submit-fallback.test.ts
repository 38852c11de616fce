import { withSubmitFallbacks, TEAMS_MESSAGE_LIMIT } from '../../../src/teams/submit-fallback';

test('every button gets an Action.Submit fallback with the same verb and data; row clicks do not', () => {
  const card = {
    type: 'AdaptiveCard',
    body: [
      { type: 'Table', rows: [{ cells: [{ selectAction: { type: 'Action.Execute', verb: 'report.details', data: { upn: 'a' } } }] }] },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Next ▶', verb: 'report.page', data: { o: 25 } },
      {
        type: 'Action.ShowCard',
        title: 'Sort',
        card: { actions: [{ type: 'Action.Execute', title: 'Largest', verb: 'report.page', data: { o: 0 } }] },
      },
    ],
  };
  const out: any = withSubmitFallbacks(card);
  expect(out.actions[0].fallback).toEqual({ type: 'Action.Submit', title: 'Next ▶', data: { verb: 'report.page', data: { o: 25 } } });
  expect(out.actions[1].card.actions[0].fallback.data.verb).toBe('report.page');
  expect(out.body[0].rows[0].cells[0].selectAction.fallback).toBeUndefined();
  expect((card.actions[0] as any).fallback).toBeUndefined();
});

test('a card that would outgrow what Teams accepts keeps its buttons without fallbacks', () => {
  const big = {
    type: 'AdaptiveCard',
    body: [{ type: 'TextBlock', text: 'x'.repeat(TEAMS_MESSAGE_LIMIT - 200) }],
    actions: [{ type: 'Action.Execute', title: 'Go', verb: 'v', data: {} }],
  };
  expect((withSubmitFallbacks(big) as any).actions[0].fallback).toBeUndefined();
});
