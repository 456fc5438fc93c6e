import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonScanner, JsonSyntaxError, jsonText, lineAndColumn, type JsonValue } from '../../../src/extract/readers/json-scanner';

function parse(text: string): JsonValue {
  const scanner = new JsonScanner(text);
  const value = scanner.value();
  expect(scanner.peek()).toBe(-1);
  return value;
}

function failure(text: string): JsonSyntaxError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('the JSON scanner', () => {
  it('keeps numbers exactly as written, where JSON.parse would change a long ID', () => {
    const value = parse('[6222021234567890123, 1.50, -0, 1e5, 0.1]');
    expect(value).toEqual([new JsonNumber('6222021234567890123'), new JsonNumber('1.50'), new JsonNumber('-0'), new JsonNumber('1e5'), new JsonNumber('0.1')]);
    expect(String(JSON.parse('6222021234567890123'))).toBe('6222021234567890000');
  });

  it('keeps object keys in file order, integer-like keys included', () => {
    const value = parse('{"客户号": "C1", "2024": 1, "2023": 2, "a": null}') as Map<string, JsonValue>;
    expect([...value.keys()]).toEqual(['客户号', '2024', '2023', 'a']);
    expect(Object.keys(JSON.parse('{"客户号": "C1", "2024": 1, "2023": 2}') as object)).toEqual(['2023', '2024', '客户号']);
  });

  it('decodes escapes like JSON.parse does', () => {
    const text = String.raw`"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00甲"`;
    expect(parse(text)).toBe(JSON.parse(text));
  });

  it('gives a repeated key its last value in the place of its last occurrence, like JSON.parse', () => {
    const value = parse('{"a": 1, "b": 2, "a": 3}') as Map<string, JsonValue>;
    expect([...value.entries()]).toEqual([['b', new JsonNumber('2')], ['a', new JsonNumber('3')]]);
  });

  it.each([
    ['{"a": 1,}', 8, 'a key in double quotes'],
    ['[1 2]', 3, "','"],
    ['{"a" 1}', 5, "':'"],
    ['"abc', 4, 'a closing \'"\''],
    ['[01]', 2, "','"],
    ['{"a": tru}', 6, 'a value'],
    ['"a\\x"', 2, 'a valid escape'],
    ['"a\nb"', 2, 'no control character inside a string'],
  ])('locates the error in %j', (text, offset, expected) => {
    const error = failure(text);
    expect([error.offset, error.expected]).toEqual([offset, expected]);
  });

  it('refuses nesting deeper than it can parse safely', () => {
    expect(failure('['.repeat(300) + ']'.repeat(300)).expected).toBe('less deeply nested data');
  });

  it('turns an offset into line and column', () => {
    const text = '[\n  {"a": 1},\n  {"a": }\n]';
    expect(lineAndColumn(text, text.indexOf('}', 20))).toEqual({ line: 3, column: 9 });
    expect(lineAndColumn(text, 0)).toEqual({ line: 1, column: 1 });
  });

  it('writes nested values back as compact JSON with numbers as written', () => {
    expect(jsonText(parse('{"x": [1.50, true, null, {"y": "引\\"号"}], "2": {}}'))).toBe('{"x":[1.50,true,null,{"y":"引\\"号"}],"2":{}}');
  });
});
