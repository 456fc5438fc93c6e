import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Re-renders its host whenever an EventTarget-based store says 'change'. The store may be given
 * as a getter, for elements that receive it as a property (read when the host connects).
 */
export class StoreController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();
  private subscribed: EventTarget | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: EventTarget | (() => EventTarget | undefined),
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const store = typeof this.store === 'function' ? this.store() : this.store;
    if (!store) return;
    store.addEventListener('change', this.onChange);
    this.subscribed = store;
  }

  hostDisconnected(): void {
    this.subscribed?.removeEventListener('change', this.onChange);
    this.subscribed = null;
  }
}
