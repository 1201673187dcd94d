export { HabitualProvider, type HabitualProviderProps } from './habitual-provider';
export { useEngagement, useHabitual } from './use-engagement';
export { useTrack } from './use-track';
export { useSurvey } from './use-survey';
export { Checklist, Digest, Records, Shortcuts, type WidgetElementProps } from './widget-elements';
export type { EngagementState, HabitualConfig, HabitualInstance, InitOptions, TrackProps } from '@habitual/sdk';
