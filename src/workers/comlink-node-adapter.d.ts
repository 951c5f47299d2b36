/**
 * Types for comlink's ESM node adapter (the package ships them only as `node-adapter.d.ts`,
 * which TypeScript does not pair with the `.mjs` file).
 */
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';

  /** The subset of a Node `MessagePort` / `Worker` the adapter wraps. */
  export interface NodeEndpoint {
    postMessage(message: unknown, transfer?: readonly unknown[]): void;
    on(type: string, listener: (value: unknown) => void): void;
    off(type: string, listener: (value: unknown) => void): void;
    start?: () => void;
  }

  /** Wrap a Node `MessagePort` or `Worker` as a comlink endpoint. */
  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
