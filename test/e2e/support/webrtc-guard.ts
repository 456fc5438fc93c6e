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
  await context.addInitScript((message: string) => {
    const Original = globalThis.RTCPeerConnection;
    if (!Original) return;
    class Reported extends Original {
      constructor(configuration?: RTCConfiguration) {
        console.error(`${message}: ${JSON.stringify(configuration?.iceServers ?? [])}`);
        super(configuration);
      }
    }
    globalThis.RTCPeerConnection = Reported;
  }, WEBRTC_PROBLEM);
}
