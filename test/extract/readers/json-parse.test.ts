import { LosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { jsonText, JsonSyntaxError, lineAndColumn, parseJson, type JsonValue } from '../../../src/extract/readers/json-parse';

function failure(text: string): JsonSyntaxError {
  try {
    parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parsing JSON through lossless-json', () => {
  it('keeps numbers exactly as written, where JSON.parse would change a long ID', () => {
    const value = parseJson('[6222021234567890123, 1.50, -0, 1e5, 0.1]');
    expect(value).toEqual(['6222021234567890123', '1.50', '-0', '1e5', '0.1'].map((t) => new LosslessNumber(t)));
    expect(String(JSON.parse('6222021234567890123'))).toBe('6222021234567890000');
  });

  it('puts integer-like keys first in ascending order, as JSON.parse does; other keys keep file order', () => {
    const value = parseJson('{"客户号": "C1", "2024": 1, "2023": 2, "a": null, "02": 3}') as object;
    expect(Object.keys(value)).toEqual(['2023', '2024', '客户号', 'a', '02']);
    expect(Object.keys(JSON.parse('{"客户号": "C1", "2024": 1, "2023": 2, "a": null, "02": 3}') as object)).toEqual(Object.keys(value));
  });

  it('gives a repeated key its last value in the place of its first occurrence, like JSON.parse', () => {
    const value = parseJson('{"a": 1, "b": 2, "a": 3}') as object;
    expect(Object.entries(value)).toEqual([['a', new LosslessNumber('3')], ['b', new LosslessNumber('2')]]);
  });

  it('keeps a "__proto__" key as an ordinary key', () => {
    const value = parseJson('{"__proto__": 1}') as object;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('decodes escapes like JSON.parse does', () => {
    const text = String.raw`"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00甲"`;
    expect(parseJson(text)).toBe(JSON.parse(text));
  });

  it.each([
    ['{"a": 1,}', 8, "Quoted object key expected but got '}'"],
    ['[1 2]', 3, "Comma ',' expected after value but got '2'"],
    ['{"a" 1}', 5, "Colon ':' expected after property name but got '1'"],
    ['"abc', 4, 'End of string \'"\' expected but reached end of input'],
    ['[01]', 2, "Comma ',' expected after value but got '1'"],
    ['{"a": tru}', 6, "Object value expected after ':'"],
    ['"a\\x"', 2, "Invalid escape character '\\x'"],
    ['"a\nb"', 2, "Invalid character '\n'"],
    ['[1] [2]', 4, "Expected end of input but got '['"],
  ])('locates the error in %j', (text, offset, message) => {
    const error = failure(text);
    expect([error.offset, error.message]).toEqual([offset, message]);
  });

  it('refuses nesting too deep for the call stack with a syntax error rather than a crash', () => {
    const error = failure('['.repeat(100_000) + ']'.repeat(100_000));
    expect([error.offset, error.message]).toEqual([undefined, 'Nested too deeply to read']);
  });

  it('refuses to write back a value nested too deep for the call stack, with the same error', () => {
    let deep: JsonValue = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => jsonText(deep)).toThrow(new JsonSyntaxError('Nested too deeply to read', undefined));
  });

  it('writes nested values back as compact JSON with numbers as written', () => {
    expect(jsonText(parseJson('{"x": [1.50, true, null, {"y": "引\\"号"}], "z": {}}'))).toBe('{"x":[1.50,true,null,{"y":"引\\"号"}],"z":{}}');
  });

  it('turns an offset into line and column', () => {
    const text = '[\n  {"a": 1},\n  {"a": }\n]';
    expect(lineAndColumn(text, text.indexOf('}', 20))).toEqual({ line: 3, column: 9 });
    expect(lineAndColumn(text, 0)).toEqual({ line: 1, column: 1 });
  });
});
