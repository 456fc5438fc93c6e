import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';

/** A tab another tab may hide, following a source (the ScreeningSource) that says 'change'. */
export interface HiddenTabHost extends ReactiveControllerHost {
  readonly hidden: boolean;
  readonly source: EventTarget | null;
}

export interface HiddenTabWork {
  /** brings the tab up to date now: when a new source arrives, and when shown with work owed */
  readonly refresh: () => void;
  /** the source said 'change' */
  readonly follow: () => void;
}

/**
 * Keeps a hidden tab idle: while another tab shows, the host draws nothing (its shouldUpdate
 * asks `shouldUpdate` here) and work it is asked for is only noted (`defer`); once shown, it
 * catches up with one `refresh`. The host stays subscribed to its current source throughout, so
 * it is ready when shown.
 */
export class HiddenTabController implements ReactiveController {
  private owed = false;
  /** the source listened to; undefined before the first update, so the first one refreshes */
  private subscribed: EventTarget | null | undefined = undefined;
  private readonly onChange = () => this.work.follow();

  constructor(
    private readonly host: HiddenTabHost,
    private readonly work: HiddenTabWork,
  ) {
    host.addController(this);
  }

  /** Hidden, the tab draws nothing; it still follows a new source or session. */
  shouldUpdate(changed: PropertyValues): boolean {
    return !this.host.hidden || changed.has('source') || changed.has('session');
  }

  /** True while the tab is hidden: the work asked for is noted, to be done once the tab is shown. */
  defer(): boolean {
    if (!this.host.hidden) return false;
    this.owed = true;
    return true;
  }

  hostUpdate(): void {
    if (!this.host.hidden && this.owed) {
      this.owed = false;
      this.work.refresh();
    }
    const source = this.host.source;
    if (source !== this.subscribed) {
      this.subscribed?.removeEventListener('change', this.onChange);
      source?.addEventListener('change', this.onChange);
      this.subscribed = source;
      this.work.refresh();
    }
  }
}
