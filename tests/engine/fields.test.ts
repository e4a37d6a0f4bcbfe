import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTrainer, mmdWitness, mmdWitnessOnGrid, regularGrid } from '../../src/engine';
import { createRandom } from '../../src/engine/random';
import { trainerConfig } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('regularGrid', () => {
  it('gives cell centres, first axis fastest', () => {
    expect(Array.from(regularGrid([[0, 1]], 4))).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect(
      Array.from(
        regularGrid(
          [
            [0, 1],
            [10, 20],
          ],
          2,
        ),
      ),
    ).toEqual([0.25, 12.5, 0.75, 12.5, 0.25, 17.5, 0.75, 17.5]);
  });
});

describe('mmdWitnessOnGrid', () => {
  it('equals the point-by-point witness at the grid centres, in 1-D and 2-D', () => {
    const random = createRandom(7);
    for (const domain of [
      [[-2, 3]] as [number, number][],
      [
        [-3, 3],
        [-1, 4],
      ] as [number, number][],
    ]) {
      const d = domain.length;
      const real = random.fillNormal(new Float32Array(40 * d), 1);
      const generated = random.fillNormal(new Float32Array(30 * d), 1.5);
      const resolution = 17;
      const fast = mmdWitnessOnGrid(domain, resolution, real, generated, 0.6);
      const slow = mmdWitness(regularGrid(domain, resolution), real, generated, d, 0.6);
      expect(fast.length).toBe(slow.length);
      for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i] ?? 0, 6);
    }
  });
});

describe('Trainer.fields', () => {
  const domain2: [number, number][] = [
    [-3, 3],
    [-3, 3],
  ];

  it('evaluates D on the grid, G on a noise grid and the push on each sample, leaking nothing', async () => {
    const trainer = createTrainer(trainerConfig({ dataset: 'ring-8', noiseDimension: 3 }));
    trainer.step(5);
    const before = tf.memory().numTensors;
    const samples = await trainer.sampleGenerator(16);
    const fields = await trainer.fields({
      domain: domain2,
      resolution: 8,
      manifoldResolution: 5,
      samples,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(fields.discriminator).toHaveLength(64);
    expect(fields.discriminatorIsProbability).toBe(true);
    expect(Array.from(fields.discriminator ?? []).every((p) => p > 0 && p < 1)).toBe(true);
    expect(fields.manifoldAxes).toBe(2);
    expect(fields.manifold).toHaveLength(25 * 2);
    expect(fields.push).toHaveLength(samples.length);
    expect(Array.from(fields.push).every(Number.isFinite)).toBe(true);
    expect(Array.from(fields.push).some((v) => v !== 0)).toBe(true);
    // The manifold's centre is G(0): the noise grid is symmetric around the origin.
    const centre = await trainer.fields({
      domain: domain2,
      resolution: 1,
      manifoldResolution: 1,
      samples,
    });
    expect(centre.manifold).toHaveLength(2);
    expect(fields.manifold[12 * 2]).toBeCloseTo(centre.manifold[0] ?? Number.NaN, 5);
    trainer.dispose();
  });

  it('gives raw scores for non-logit objectives and no field with packing', async () => {
    const scores = createTrainer(trainerConfig({ objective: 'leastSquares' }));
    const s = await scores.fields({
      domain: [[-1, 5]],
      resolution: 10,
      manifoldResolution: 7,
      samples: new Float32Array([0, 1, 2]),
    });
    expect(s.discriminatorIsProbability).toBe(false);
    expect(s.discriminator).toHaveLength(10);
    // 1-D data: the curve z₁ → G(z₁, 0), 7 points.
    expect(s.manifoldAxes).toBe(1);
    expect(s.manifold).toHaveLength(7);
    scores.dispose();
    const packed = createTrainer(trainerConfig({ packing: 2 }));
    const p = await packed.fields({
      domain: [[-1, 5]],
      resolution: 10,
      manifoldResolution: 3,
      samples: new Float32Array([0, 1, 2, 3]),
    });
    expect(p.discriminator).toBeNull();
    expect(p.push).toHaveLength(4);
    packed.dispose();
  });

  it('pushes samples towards the data under the MMD objective', async () => {
    // The 1-D Gaussian target has mean 2; samples at −1 must be pushed right (+).
    const trainer = createTrainer(trainerConfig({ objective: 'mmd' }));
    const fields = await trainer.fields({
      domain: [[-3, 5]],
      resolution: 4,
      manifoldResolution: 3,
      // Identical samples: their mutual repulsion has zero gradient, only the pull remains.
      samples: new Float32Array([-1, -1, -1, -1]),
    });
    expect(fields.discriminator).toBeNull();
    expect(Array.from(fields.push).every((v) => v > 0)).toBe(true);
    trainer.dispose();
  });

  it('refuses a domain of the wrong dimension', async () => {
    const trainer = createTrainer(trainerConfig());
    await expect(
      trainer.fields({
        domain: domain2,
        resolution: 2,
        manifoldResolution: 2,
        samples: new Float32Array(2),
      }),
    ).rejects.toThrow(/domain/);
    trainer.dispose();
  });
});
