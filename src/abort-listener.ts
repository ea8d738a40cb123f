// One abort listener per caller signal, however many calls share it.
//
// A caller often passes one AbortSignal to many concurrent calls (a request-scoped
// signal, a shutdown signal, a batch). Each in-flight attempt, each call queued in the
// rate limiter and each retry wait needs to hear that signal abort; one
// `addEventListener` each put N listeners on it, and at 11 Node printed
// "MaxListenersExceededWarning: Possible EventTarget memory leak detected" — in the
// caller's process, about the caller's signal. Here the signal gets one listener,
// which fans out to every registered callback and is removed with the last of them.
// (sendSmsBatch relays the caller's signal to each message's own through here too: rate-limit/batch.ts.)

interface Relay {
  readonly callbacks: Set<() => void>;
  readonly listener: () => void;
}

const relays = new WeakMap<AbortSignal, Relay>();

/**
 * Calls `callback` once when `signal` aborts; returns the function that unregisters it
 * (call it when the work ends, whichever way). Callbacks run in registration order. A
 * signal that is already aborted (its event long dispatched) calls back on the next
 * microtask unless unregistered first — addEventListener would never call at all.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    let live = true;
    queueMicrotask(() => {
      if (live) callback();
    });
    return () => {
      live = false;
    };
  }
  let relay = relays.get(signal);
  if (!relay) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      relays.delete(signal);
      for (const run of [...callbacks]) run();
      callbacks.clear();
    };
    relay = { callbacks, listener };
    relays.set(signal, relay);
    signal.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = relay;
  // A wrapper per registration: the same function registered twice is two registrations.
  const entry = () => callback();
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0) return;
    // This relay is still the signal's: one is replaced only once it has aborted or emptied.
    relays.delete(signal);
    signal.removeEventListener("abort", listener);
  };
}
