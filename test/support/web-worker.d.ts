// web-worker 1.2.0 ships types its package.json "exports" do not expose.
declare module 'web-worker' {
  const NodeWorker: typeof globalThis.Worker;
  export default NodeWorker;
}
