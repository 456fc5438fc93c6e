import type { BrowserContext } from 'playwright-core';

/** The console error every page of a guarded context prints when it creates a peer connection. */
export const WEBRTC_PROBLEM = 'tierbook-e2e: RTCPeerConnection created';

/**
 * WebRTC is the one way out that neither wall covers: CSP does not govern it, and STUN over UDP
 * to an IP address passes no proxy and no resolver (Chromium's WebRTC IP-handling flags had no
 * effect in this headless build). The app has no use for it, so in tests any page that creates
 * an RTCPeerConnection says so on the console, which `OpenedApp.problems` collects.
 * (Workers have no RTCPeerConnection; frames are refused by the CSP's frame-src 'none'.)
 */
export async function guardWebRtc(context: BrowserContext): Promise<void> {
  // A string, not a function: tsx's esbuild would wrap a function's classes in its own __name
  // helper, which does not exist in the page.
  await context.addInitScript({
    content: `(() => {
      const Original = globalThis.RTCPeerConnection;
      if (!Original) return;
      globalThis.RTCPeerConnection = class extends Original {
        constructor(configuration) {
          console.error(${JSON.stringify(WEBRTC_PROBLEM)} + ': ' + JSON.stringify(configuration?.iceServers ?? []));
          super(configuration);
        }
      };
    })();`,
  });
}
