/** Typed listeners; a listener that throws is reported, never breaks the others or the caller. */
export type Emitter<Events> = ReturnType<typeof createEmitter<Events>>;

export function createEmitter<Events>(onListenerError: (error: unknown) => void) {
  const listeners: { [E in keyof Events]?: Set<(payload: Events[E]) => void> } = {};
  return {
    on<E extends keyof Events>(event: E, fn: (payload: Events[E]) => void): () => void {
      (listeners[event] ??= new Set()).add(fn);
      return () => void listeners[event]?.delete(fn);
    },
    has: (event: keyof Events) => !!listeners[event]?.size,
    emit<E extends keyof Events>(event: E, payload: Events[E]) {
      listeners[event]?.forEach((fn) => {
        try {
          fn(payload);
        } catch (error) {
          onListenerError(error);
        }
      });
    },
    clear() {
      for (const key in listeners) delete listeners[key];
    },
  };
}
