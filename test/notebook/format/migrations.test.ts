import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../../../src/notebook/document';
import { MIGRATIONS, readNotebook, writeNotebook } from '../../../src/notebook/format';
import { FIXTURE_DIR, goldenText } from './support/goldens';

describe('a version-0 file', () => {
  const old = goldenText('version-0', FIXTURE_DIR);
  const upgraded = goldenText('version-0.upgraded', FIXTURE_DIR);

  it('reads as the same document as its current-version equivalent, with a note that it was upgraded', () => {
    const { document, problems } = readNotebook(old);
    expect(document).toEqual(readNotebook(upgraded).document);
    expect(document.version).toBe(FORMAT_VERSION);
    expect(problems).toEqual([
      { line: 1, severity: 'note', message: 'upgraded from format version 0 to 1: cells written as `sql #id name` became `sql cell=id name=name`' },
    ]);
  });

  it('is saved in the current format', () => {
    expect(writeNotebook(readNotebook(old).document)).toBe(upgraded);
  });
});

describe('a file from a newer Tierbook', () => {
  const newer = goldenText('every-kind').replace('tierbook: 1', `tierbook: ${FORMAT_VERSION + 1}`);

  it('is read as well as it can be, with an error that says to update before saving', () => {
    const { document, problems } = readNotebook(newer);
    expect(document).toEqual(readNotebook(goldenText('every-kind')).document);
    expect(problems).toEqual([
      {
        line: 2,
        severity: 'error',
        message:
          `this file is format version ${FORMAT_VERSION + 1}, written by a newer Tierbook; this one reads up to version ${FORMAT_VERSION}. ` +
          'It was read as well as it could be; update Tierbook before saving it, or saving may lose what the newer version added',
      },
    ]);
  });
});

it('a version that is not a whole number is an error, and the file is read as the current version', () => {
  const { problems } = readNotebook('---\ntierbook: "one"\ntitle: t\n---\n');
  expect(problems.map((p) => [p.line, p.severity, p.message])).toEqual([[2, 'error', '`tierbook: one` is not a format version (a whole number); read as version 1']]);
});

it('there is one migration from every older version, in order', () => {
  expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: FORMAT_VERSION }, (_, i) => i));
});
