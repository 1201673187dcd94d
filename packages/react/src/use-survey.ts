import { useHabitualStore } from './habitual-context';

/**
 * `survey(form)` of the provider's instance (`'exit'`, `'nps'`, `'csat'` or a key of
 * `widgets.survey.forms`), for your Cancel button's handler: opens the form at once. Before the
 * instance starts it does nothing.
 */
export function useSurvey(): (form: string) => void {
  const store = useHabitualStore('useSurvey');
  return (form) => store.instance()?.survey(form);
}
