/**
 * What the scenario comparison works on, without the DOM: which of the notebook's parameter sets
 * to compare by default, each set as the inputs screenParams reads, and a screen of its own to
 * re-weight. Shared by <tb-scenario-compare> and the model report.
 */
import type { ParameterSets } from '../../notebook/document';
import type { ModelSpec } from '../../scoring/model-spec';
import { scenarioInputs, type ScenarioSet } from '../../scoring/scenarios';
import { Screen } from '../../scoring/screen';

/** The pseudo-set "current sliders": the inputs as they are now. Not a valid set name in a notebook (sets are YAML keys of names). */
export const CURRENT_SET = '\u0000current';

/** The sets compared when the user has not chosen: champion, challenger and suggested when saved; the current sliders fill up to two. */
export function defaultSelection(parameterSets: ParameterSets): string[] {
  const names = Object.keys(parameterSets);
  const chosen = ['champion', 'challenger', 'suggested'].filter((n) => names.includes(n));
  for (const n of names) if (chosen.length < 2 && !chosen.includes(n)) chosen.push(n);
  if (chosen.length < 2) chosen.push(CURRENT_SET);
  return chosen;
}

/**
 * The selected sets, in the notebook's order (the current sliders last), as scenarios: a saved
 * set overlays the current inputs (weights converted from percent), the pseudo-set is the current
 * inputs themselves. Names no longer saved are dropped.
 */
export function scenarioSets(spec: ModelSpec, current: ReadonlyMap<string, unknown>, parameterSets: ParameterSets, selected: ReadonlySet<string>, currentLabel: string): ScenarioSet[] {
  const sets: ScenarioSet[] = Object.entries(parameterSets)
    .filter(([name]) => selected.has(name))
    .map(([name, values]) => ({ name, inputs: scenarioInputs(spec, current, values) }));
  if (selected.has(CURRENT_SET)) sets.push({ name: currentLabel, inputs: new Map(current) });
  return sets;
}

const own = new WeakMap<Screen, Screen>();

/**
 * A Screen of the comparison's own on the same data and fit. `Screen.update` refills one set of
 * arrays that the Screening tab's state points at; re-weighting the shared screen for each
 * scenario would redraw that tab with the last scenario's tiers. The copy reuses the fit (no
 * refitting: the same normalised matrix) and is made once per screen.
 */
export function comparisonScreen(screen: Screen): Screen {
  let copy = own.get(screen);
  if (!copy) {
    copy = new Screen(screen.data, screen.spec, screen.fitted);
    own.set(screen, copy);
  }
  return copy;
}
