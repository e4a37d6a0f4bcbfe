import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../src/config/schema';
import { ACTIVATIONS } from '../../src/engine/mlp';
import { OBJECTIVES } from '../../src/engine/objectives';
import { OPTIMIZER_KINDS } from '../../src/engine/optimizers';
import { NOISE_DISTRIBUTIONS } from '../../src/engine/trainer';

// The schema lists these choices itself instead of importing them: the engine modules that
// define them import tfjs, which must stay out of the UI's bundle. This keeps the copies honest.
describe('the schema offers exactly the choices the engine implements', () => {
  const same = (a: readonly string[], b: readonly string[]) =>
    expect([...a].sort()).toEqual([...b].sort());

  it('objectives', () => same(FIELDS.objective.options, OBJECTIVES));
  it('activations', () => {
    same(FIELDS.generatorActivation.options, ACTIVATIONS);
    same(FIELDS.discriminatorActivation.options, ACTIVATIONS);
  });
  it('optimisers', () => {
    same(FIELDS.generatorOptimizer.options, OPTIMIZER_KINDS);
    same(FIELDS.discriminatorOptimizer.options, OPTIMIZER_KINDS);
  });
  it('noise distributions', () => same(FIELDS.noiseDistribution.options, NOISE_DISTRIBUTIONS));
});
