import type { ReactiveController } from 'lit';
import { describe, expect, it } from 'vitest';
import { HiddenTabController, type HiddenTabHost } from '../../../src/ui/controllers/hidden-tab-controller';

/** A tab as Lit drives it: an update asks shouldUpdate, then runs each controller's hostUpdate. */
class FakeTab implements HiddenTabHost {
  hidden = false;
  source: EventTarget | null = null;
  readonly log: string[] = [];
  private readonly controllers: ReactiveController[] = [];
  readonly tab = new HiddenTabController(this, {
    refresh: () => this.log.push('refresh'),
    follow: () => (this.tab.defer() ? this.log.push('deferred') : this.log.push('follow')),
  });
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {}
  readonly updateComplete = Promise.resolve(true);
  /** One update with these properties changed; whether it drew. */
  update(...changed: string[]): boolean {
    if (!this.tab.shouldUpdate(new Map(changed.map((k) => [k, undefined])))) return false;
    for (const c of this.controllers) c.hostUpdate?.();
    return true;
  }
}

const change = (source: EventTarget) => source.dispatchEvent(new Event('change'));

describe('the hidden-tab controller', () => {
  it('refreshes on the first update and follows its source’s changes', () => {
    const host = new FakeTab();
    const source = new EventTarget();
    host.source = source;
    host.update('source');
    change(source);
    expect(host.log).toEqual(['refresh', 'follow']);
  });

  it('while hidden draws only for a new source or session, notes the work asked for, and catches up once when shown', () => {
    const host = new FakeTab();
    const source = new EventTarget();
    host.source = source;
    host.update('source');
    host.log.length = 0;
    host.hidden = true;
    expect(host.update('hidden')).toBe(false);
    expect(host.update('state')).toBe(false);
    expect(host.update('session')).toBe(true);
    change(source);
    change(source);
    expect(host.log).toEqual(['deferred', 'deferred']);
    host.hidden = false;
    expect(host.update('hidden')).toBe(true);
    host.update('state');
    expect(host.log).toEqual(['deferred', 'deferred', 'refresh']);
  });

  it('does not refresh on being shown when nothing was asked for while hidden', () => {
    const host = new FakeTab();
    host.update('source');
    host.hidden = true;
    host.update('hidden');
    host.hidden = false;
    host.update('hidden');
    expect(host.log).toEqual(['refresh']);
  });

  it('moves to a new source, even while hidden: the old one is no longer heard, the new one is, and it refreshes', () => {
    const host = new FakeTab();
    const first = new EventTarget();
    const second = new EventTarget();
    host.source = first;
    host.update('source');
    host.hidden = true;
    host.source = second;
    host.update('source');
    expect(host.log).toEqual(['refresh', 'refresh']);
    host.hidden = false;
    host.update('hidden');
    change(first);
    change(second);
    expect(host.log).toEqual(['refresh', 'refresh', 'follow']);
  });
});
