// A quoted string in a filter, as OData and OPATH both write it: a doubled quote stands for one.

/** The literal whose opening quote is at `start`, and the index just past its closing quote; null when it never closes. */
export function readQuoted(input: string, start: number): { text: string; end: number } | null {
  const quote = input[start];
  let text = '';
  let i = start + 1;
  while (i < input.length) {
    if (input[i] !== quote) {
      text += input[i++];
    } else if (input[i + 1] === quote) {
      text += quote;
      i += 2;
    } else {
      return { text, end: i + 1 };
    }
  }
  return null;
}
