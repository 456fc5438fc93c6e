import { describe, expect, it } from 'vitest';
import { duckdbErrorText } from '../../src/engine/error-text';

describe('duckdbErrorText', () => {
  it("turns DuckDB's JSON error object into 'Type Error: message'", () => {
    const json = '{"exception_type":"Parser","exception_message":"syntax error at or near \\"INSTALL\\"","position":"27","error_subtype":"SYNTAX_ERROR"}';
    expect(duckdbErrorText(new Error(json))).toBe('Parser Error: syntax error at or near "INSTALL"');
  });

  it('keeps the message alone when the type is missing', () => {
    expect(duckdbErrorText('{"exception_message":"no type"}')).toBe('no type');
  });

  it('leaves plain messages, other JSON and broken JSON as they are', () => {
    expect(duckdbErrorText(new Error('Catalog Error: Table with name nope does not exist!'))).toBe('Catalog Error: Table with name nope does not exist!');
    expect(duckdbErrorText('{"rows": 3}')).toBe('{"rows": 3}');
    expect(duckdbErrorText('{"exception_message": ')).toBe('{"exception_message": ');
    expect(duckdbErrorText('[1]')).toBe('[1]');
  });
});
