import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { download } from '../../src/export/download.ts';

/** Just enough of the DOM for download(): an <a> that records its click, and a body. */
function fakeDom() {
  const events: string[] = [];
  const link = {
    href: '',
    download: '',
    rel: '',
    style: { display: '' },
    click: () => events.push(`click ${link.download} ${link.href} attached=${attached}`),
    remove: () => {
      attached = false;
      events.push('remove');
    },
  };
  let attached = false;
  const document = {
    createElement: (tag: string) => {
      expect(tag).toBe('a');
      return link;
    },
    body: {
      append: (node: unknown) => {
        expect(node).toBe(link);
        attached = true;
      },
    },
  };
  return { events, link, document };
}

describe('download', () => {
  let blobs: Blob[];
  let revoked: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    blobs = [];
    revoked = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return `blob:test/${blobs.length}`;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('clicks an attached <a download> on an object URL of the bytes, then revokes the URL', async () => {
    const dom = fakeDom();
    vi.stubGlobal('document', dom.document);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61]);
    download('名单.csv', 'text/csv;charset=utf-8', bytes);

    expect(dom.events).toEqual(['click 名单.csv blob:test/1 attached=true', 'remove']);
    expect(dom.link.rel).toBe('noopener');
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    expect([...new Uint8Array(await blobs[0]!.arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
    // the Blob holds a copy: changing the caller's array afterwards does not change the file
    bytes[3] = 0x62;
    expect([...new Uint8Array(await blobs[0]!.arrayBuffer())][3]).toBe(0x61);

    expect(revoked).toEqual([]); // not at once: the download may not have started reading
    vi.advanceTimersByTime(40_000);
    expect(revoked).toEqual(['blob:test/1']);
  });
});
