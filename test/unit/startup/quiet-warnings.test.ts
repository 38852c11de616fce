// restify's DEP0111 is dropped at start; every other warning still reaches Node's own emitWarning.
import { quietKnownWarnings } from '../../../src/quiet-warnings';

const real = process.emitWarning;
const passed = jest.fn();
let restore: () => void;

beforeAll(() => {
  // Node's own emitWarning stands behind the filter; a recorder takes its place for the test.
  process.emitWarning = passed as unknown as typeof process.emitWarning;
  restore = quietKnownWarnings();
});
afterAll(() => {
  restore();
  process.emitWarning = real;
});
beforeEach(() => passed.mockClear());

test('the process.binding warning that restify triggers is dropped, in every call form', () => {
  const text = "Access to process.binding('http_parser') is deprecated.";
  process.emitWarning(text, 'DeprecationWarning', 'DEP0111');
  process.emitWarning(text, { type: 'DeprecationWarning', code: 'DEP0111' });
  process.emitWarning(Object.assign(new Error(text), { name: 'DeprecationWarning', code: 'DEP0111' }));
  expect(passed).not.toHaveBeenCalled();
});

test('any other warning still comes through, unchanged', () => {
  process.emitWarning('something else', { type: 'DeprecationWarning', code: 'DEP0999' });
  process.emitWarning('a plain warning');
  expect(passed.mock.calls).toEqual([['something else', { type: 'DeprecationWarning', code: 'DEP0999' }], ['a plain warning']]);
});

test('restore gives back the emitWarning it wrapped', () => {
  const before = process.emitWarning;
  const undo = quietKnownWarnings();
  expect(process.emitWarning).not.toBe(before);
  undo();
  expect(process.emitWarning).toBe(before);
});
