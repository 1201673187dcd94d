import { init as startHabitual, type InitOptions } from '@habitual/sdk';
import { createElement, useEffect, useRef, useState, type ReactNode } from 'react';
import { HabitualContext } from './habitual-context';
import { createHabitualStore } from './habitual-store';

export interface HabitualProviderProps {
  /**
   * What `init()` of `@habitual/sdk` takes. The instance starts once, after the first render
   * in the browser (never on the server). Later changes of `options.user` call `identify()`
   * and a new `options.config` object calls `configure()`; other options are read at start.
   */
  options: InitOptions;
  children?: ReactNode;
  /** Starts the instance. @default init from `@habitual/sdk` */
  init?: (options: InitOptions) => ReturnType<typeof startHabitual>;
}

/**
 * Starts Habitual for the components inside it and shares the instance with
 * `useEngagement()`, `useTrack()`, `useHabitual()` and the widget components. Safe under
 * server-side rendering: it renders its children and touches no browser global there.
 */
export function HabitualProvider({ options, children, init = startHabitual }: HabitualProviderProps) {
  const [store] = useState(createHabitualStore);
  const user = options.user && JSON.stringify(options.user);
  // What the instance started with: the effects below pass on changes only.
  const started = useRef({ user, config: options.config });
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts once per provider; later options pass through identify() and configure() below
  useEffect(() => {
    started.current = { user, config: options.config };
    const instance = init(options);
    store.attach(instance);
    return () => {
      store.attach(null);
      void instance.destroy();
    };
  }, [store]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new user object with the same content (an inline literal) is no change
  useEffect(() => {
    if (options.user && user !== started.current.user) store.instance()?.identify(options.user);
  }, [store, user]);
  useEffect(() => {
    if (options.config && options.config !== started.current.config) store.instance()?.configure(options.config);
  }, [store, options.config]);
  return createElement(HabitualContext.Provider, { value: store }, children);
}
