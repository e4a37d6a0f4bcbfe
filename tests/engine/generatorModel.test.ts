import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  artifactsToFiles,
  createTrainer,
  filesToArtifacts,
  GELU_FORM_DIFFERENCE,
  GENERATOR_FORMAT,
  MAX_MODEL_JSON_CHARS,
  readGeneratorMetadata,
  type Trainer,
  type TrainerConfig,
} from '../../src/engine';
import { ACTIVATIONS } from '../../src/engine/mlp';
import { trainerConfig } from './configs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const smallConfig = (overrides: Partial<TrainerConfig> = {}): TrainerConfig =>
  trainerConfig({
    dataset: 'gaussian-2d',
    generatorLayers: [8, 8],
    discriminatorLayers: [8],
    batchSize: 16,
    noiseDimension: 3,
    ...overrides,
  });

/** A fixed batch of noise vectors for `trainer` (row-major n × noiseDimension). */
const noiseFor = (trainer: Trainer, n = 64): Float32Array =>
  Float32Array.from({ length: n * trainer.config.noiseDimension }, (_, i) => Math.sin(i * 1.7) * 2);

/** The artifacts a tf.LayersModel writes when saved (what a user re-saving the model gets). */
async function saveAgain(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === undefined) throw new Error('nothing saved');
  return saved;
}

/** predict(z) of a Layers model, read back and disposed. */
function predict(model: tf.LayersModel, noise: Float32Array, width: number): Float32Array {
  const out = tf.tidy(() => model.predict(tf.tensor2d(noise, [noise.length / width, width])));
  const values = (out as tf.Tensor).dataSync() as Float32Array;
  (out as tf.Tensor).dispose();
  return Float32Array.from(values);
}

const maxDifference = (a: Float32Array, b: Float32Array): number =>
  a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - (b[i] as number))), 0);

/** An exported trainer's files, and the trainer, after a few iterations. */
async function exportedFiles(overrides: Partial<TrainerConfig> = {}) {
  const trainer = createTrainer(smallConfig(overrides));
  trainer.step(5);
  const artifacts = await trainer.exportGenerator();
  return { trainer, artifacts, files: artifactsToFiles(artifacts, 'generator') };
}

/** Calls `f` and returns the Error it throws (failing the test if it throws anything else). */
function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    // A plain Error with a message, not a TypeError leaking from a parser.
    expect((error as Error).constructor).toBe(Error);
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('exportGenerator', () => {
  for (const activation of ACTIVATIONS) {
    it(`${activation}: tf.loadLayersModel gives a model whose predict(z) is the generator`, async () => {
      const trainer = createTrainer(smallConfig({ generatorActivation: activation }));
      trainer.step(5);
      const artifacts = await trainer.exportGenerator();
      const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
      const noise = noiseFor(trainer);
      const expected = await trainer.generate(noise);
      // GELU is exported in its exact form (see GELU_FORM_DIFFERENCE): close, not equal.
      const tolerance = activation === 'gelu' ? 10 * GELU_FORM_DIFFERENCE : 1e-5;
      expect(maxDifference(predict(model, noise, 3), expected)).toBeLessThan(tolerance);
      model.dispose();
      trainer.dispose();
    });
  }

  it("exports GELU as the exact 'gelu': tfjs-layers 4.22 cannot load its 'gelu_new' back", async () => {
    const trainer = createTrainer(smallConfig({ generatorActivation: 'gelu' }));
    const artifacts = await trainer.exportGenerator();
    const topology = JSON.stringify(artifacts.modelTopology);
    expect(topology).toContain('"activation":"gelu"');
    expect(readGeneratorMetadata(artifacts)?.note).toMatch(/exact GELU/);
    // If a tfjs upgrade fixes this, export 'gelu_new' (the engine's form) instead.
    const tanhForm = {
      ...artifacts,
      modelTopology: JSON.parse(topology.replaceAll('"gelu"', '"gelu_new"')),
    };
    await expect(tf.loadLayersModel(tf.io.fromMemory(tanhForm))).rejects.toThrow(/geluNew/);
    // Both forms load into a GELU generator, which then computes exactly as before.
    const noise = noiseFor(trainer, 8);
    const expected = await trainer.generate(noise);
    const other = createTrainer(smallConfig({ generatorActivation: 'gelu', seed: 5 }));
    for (const source of [artifacts, tanhForm]) {
      other.step(1);
      await other.loadGenerator(source);
      expect(await other.generate(noise)).toEqual(expected);
    }
    other.dispose();
    trainer.dispose();
  });

  it('writes the noise law and the run into userDefinedMetadata', async () => {
    const { trainer, artifacts } = await exportedFiles({
      noiseDistribution: 'uniform',
      noiseSigma: 0.5,
      generatorActivation: 'leakyRelu',
    });
    expect(readGeneratorMetadata(artifacts)).toEqual({
      format: GENERATOR_FORMAT,
      noiseDimension: 3,
      noiseDistribution: 'uniform',
      noiseSigma: 0.5,
      dataset: 'gaussian-2d',
      dimension: 2,
      iteration: 5,
      generatorLayers: [8, 8],
      generatorActivation: 'leakyRelu',
    });
    expect(readGeneratorMetadata({ ...artifacts, userDefinedMetadata: {} })).toBeNull();
    trainer.dispose();
  });
});

describe('loadGenerator', () => {
  it('sets the weights of a fresh trainer from an export, from tfjs re-saves and from files', async () => {
    const { trainer, artifacts, files } = await exportedFiles({ generatorActivation: 'leakyRelu' });
    const noise = noiseFor(trainer);
    const expected = await trainer.generate(noise);
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const resaved = await saveAgain(model);
    model.dispose();
    const sources: [string, tf.io.ModelArtifacts][] = [
      ['export', artifacts],
      ['LayersModel.save', resaved],
      ['files', filesToArtifacts(files.modelJson, files.weights)],
    ];
    for (const [name, source] of sources) {
      const fresh = createTrainer(smallConfig({ generatorActivation: 'leakyRelu', seed: 9 }));
      fresh.step(2);
      expect(await fresh.generate(noise), name).not.toEqual(expected);
      await fresh.loadGenerator(source);
      expect(await fresh.generate(noise), name).toEqual(expected);
      // The generator's optimiser starts fresh with the new weights.
      expect((await fresh.checkpoint()).generator.optimizer.steps).toBe(0);
      fresh.dispose();
    }
    trainer.dispose();
  });

  it('rejects another architecture, saying what the file has and what the model expects', async () => {
    const { trainer, artifacts } = await exportedFiles({ generatorLayers: [16, 16] });
    const cases: [Partial<TrainerConfig>, string][] = [
      [
        { generatorLayers: [8, 8] },
        "The file's generator has hidden layers 16,16; this model has 8,8",
      ],
      [
        { generatorLayers: [16, 16], noiseDimension: 2 },
        "The file's generator takes noise of dimension 3; this model's takes 2",
      ],
      [
        { generatorLayers: [16, 16], dataset: 'gaussian-1d' },
        "The file's generator draws 2-D points; this model draws 1-D points",
      ],
      [
        { generatorLayers: [16, 16], generatorActivation: 'tanh' },
        "The file's generator uses relu after hidden layer 1; this model uses tanh",
      ],
    ];
    for (const [overrides, message] of cases) {
      const target = createTrainer(smallConfig(overrides));
      const before = tf.memory().numTensors;
      const noise = noiseFor(target, 8);
      const output = await target.generate(noise);
      await expect(target.loadGenerator(artifacts)).rejects.toThrow(message);
      expect(await target.generate(noise)).toEqual(output);
      expect(tf.memory().numTensors).toBe(before);
      target.dispose();
    }
    trainer.dispose();
  });

  it('rejects missing, truncated and non-finite weights and topologies that are not a dense stack', async () => {
    const { trainer, artifacts } = await exportedFiles();
    const target = createTrainer(smallConfig());
    const before = tf.memory().numTensors;
    const data = artifacts.weightData as ArrayBuffer;
    const nan = data.slice(0);
    new Float32Array(nan)[5] = Number.NaN;
    const topology = artifacts.modelTopology as { config: { layers: unknown[] } };
    const withLayer = (layer: unknown) => ({
      ...topology,
      config: { ...topology.config, layers: [...topology.config.layers, layer] },
    });
    const cases: [tf.io.ModelArtifacts, RegExp][] = [
      [{ ...artifacts, weightData: undefined }, /has no weights/],
      [{ ...artifacts, weightSpecs: undefined }, /lists no weights/],
      [{ ...artifacts, weightData: data.slice(0, data.byteLength - 8) }, /truncated/],
      [{ ...artifacts, weightData: nan }, /NaN or infinite/],
      [{ ...artifacts, modelTopology: undefined }, /topology is missing/],
      [
        { ...artifacts, modelTopology: { ...topology, class_name: 'Functional' } },
        /not a plain dense stack: it is a Functional model/,
      ],
      [
        {
          ...artifacts,
          modelTopology: withLayer({ class_name: 'Dropout', config: { rate: 0.5 } }),
        },
        /not a plain dense stack: layer 4 is a Dropout layer/,
      ],
      [
        {
          ...artifacts,
          modelTopology: withLayer({ class_name: 'Activation', config: { activation: 'sigmoid' } }),
        },
        /ends in sigmoid; this model's output layer is linear/,
      ],
      [
        {
          ...artifacts,
          weightSpecs: artifacts.weightSpecs?.map((s) => ({ ...s, dtype: 'int32' as const })),
        },
        /only float32 weights/,
      ],
    ];
    for (const [bad, message] of cases) {
      await expect(target.loadGenerator(bad)).rejects.toThrow(message);
    }
    expect(tf.memory().numTensors).toBe(before);
    target.dispose();
    trainer.dispose();
  });

  it('leaks no tensors when exporting and loading, on success and failure', async () => {
    const before = tf.memory().numTensors;
    const trainer = createTrainer(smallConfig());
    trainer.step(1);
    const after = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const artifacts = await trainer.exportGenerator();
      await trainer.loadGenerator(artifacts);
      await expect(
        trainer.loadGenerator({ ...artifacts, weightData: undefined }),
      ).rejects.toThrow();
    }
    expect(tf.memory().numTensors).toBe(after);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(trainer.exportGenerator()).rejects.toThrow(/disposed/);
  });
});

describe('artifactsToFiles / filesToArtifacts', () => {
  it("round-trips through tfjs's standard model.json and one weights file", async () => {
    const { trainer, artifacts, files } = await exportedFiles();
    expect(files.weightsFileName).toBe('generator.weights.bin');
    const json = JSON.parse(files.modelJson);
    expect(json.weightsManifest).toEqual([
      { paths: ['generator.weights.bin'], weights: artifacts.weightSpecs },
    ]);
    expect(json.format).toBe('layers-model');
    expect(json.userDefinedMetadata.format).toBe(GENERATOR_FORMAT);
    expect(files.weights.byteLength).toBe(4 * trainer.parameterCount.generator);
    // The downloaded bytes do not alias the artifacts' buffer.
    expect(files.weights).not.toBe(artifacts.weightData);

    const back = filesToArtifacts(files.modelJson, files.weights);
    expect(back.weightSpecs).toEqual(artifacts.weightSpecs);
    expect(back.modelTopology).toEqual(artifacts.modelTopology);
    expect(readGeneratorMetadata(back)).toEqual(readGeneratorMetadata(artifacts));
    const model = await tf.loadLayersModel(tf.io.fromMemory(back));
    const noise = noiseFor(trainer);
    expect(maxDifference(predict(model, noise, 3), await trainer.generate(noise))).toBeLessThan(
      1e-5,
    );
    model.dispose();
    expect(artifactsToFiles(artifacts, '../../etc/pass wd').weightsFileName).toBe(
      'etc-pass-wd.weights.bin',
    );
    expect(artifactsToFiles(artifacts, '').weightsFileName).toBe('generator.weights.bin');
    trainer.dispose();
  });

  it('rejects hostile model.json text and weights with a plain Error and a clear message', async () => {
    const { trainer, files } = await exportedFiles();
    const json = JSON.parse(files.modelJson);
    const text = (value: unknown) => JSON.stringify(value);
    const weights = files.weights;
    const nan = weights.slice(0);
    new Float32Array(nan)[0] = Number.NaN;
    const cases: [() => unknown, RegExp][] = [
      [() => filesToArtifacts('{"modelTopology": ', weights), /not valid JSON/],
      [() => filesToArtifacts(' \n ', weights), /^model\.json is empty$/],
      [
        () => filesToArtifacts('{"format": "gan-playground-config", "config": {}}', weights),
        /a GAN Playground config, not a model\.json/,
      ],
      [
        () => filesToArtifacts(files.modelJson, new ArrayBuffer(0)),
        /^The weights file is empty; model\.json describes \d+ bytes of weights$/,
      ],
      [
        () => filesToArtifacts(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, weights),
        /must hold a JSON object/,
      ],
      [
        () => filesToArtifacts(`{"__proto__": ${files.modelJson}}`, weights),
        /no modelTopology object/,
      ],
      [() => filesToArtifacts('[1, 2]', weights), /must hold a JSON object/],
      [() => filesToArtifacts('null', weights), /must hold a JSON object/],
      [() => filesToArtifacts(text({ ...json, modelTopology: 3 }), weights), /no modelTopology/],
      [
        () => filesToArtifacts(text({ ...json, weightsManifest: undefined }), weights),
        /weightsManifest/,
      ],
      [
        () => filesToArtifacts(text({ ...json, weightsManifest: [{ paths: [] }] }), weights),
        /without a weights list/,
      ],
      [() => filesToArtifacts(files.modelJson, weights.slice(0, 40)), /truncated/],
      [() => filesToArtifacts(files.modelJson, new ArrayBuffer(weights.byteLength + 4)), /holds/],
      [() => filesToArtifacts(files.modelJson, nan), /NaN or infinite/],
      [() => filesToArtifacts(' '.repeat(MAX_MODEL_JSON_CHARS + 1), weights), /too large/],
      [
        () => filesToArtifacts(files.modelJson, 'bytes' as unknown as ArrayBuffer),
        /could not be read/,
      ],
      [
        () =>
          filesToArtifacts(
            text({
              ...json,
              weightsManifest: [{ paths: ['w'], weights: [{ name: 'x', shape: [1e9, 1e9] }] }],
            }),
            weights,
          ),
        /exceed/,
      ],
      [
        () => filesToArtifacts(text({ ...json, format: 'graph-model' }), weights),
        /not a Layers model/,
      ],
    ];
    for (const [f, message] of cases) expect(errorOf(f).message).toMatch(message);

    // Every field of model.json replaced by a value of every other JSON type: the result is
    // either a model the trainer loads or a plain Error, never a crash from inside a parser.
    const target = createTrainer(smallConfig({ seed: 3 }));
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (typeof value === 'object' && value !== null && path.length < 6) {
        for (const [key, child] of Object.entries(value)) {
          walk(child, [...path, Array.isArray(value) ? Number(key) : key]);
        }
      }
    };
    walk(json, []);
    let loaded = 0;
    for (const path of paths.slice(1)) {
      for (const replacement of [null, -1, 2.5, 'x', [], {}, [null]]) {
        const copy = JSON.parse(files.modelJson);
        let parent = copy;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path[path.length - 1] as string] = replacement;
        let artifacts: tf.io.ModelArtifacts;
        try {
          artifacts = filesToArtifacts(text(copy), weights);
        } catch (error) {
          expect((error as Error).constructor, path.join('.')).toBe(Error);
          continue;
        }
        try {
          await target.loadGenerator(artifacts);
          loaded++;
        } catch (error) {
          expect((error as Error).constructor, path.join('.')).toBe(Error);
        }
      }
    }
    expect(paths.length).toBeGreaterThan(50);
    // Metadata, names of unused fields, initialisers: many edits are harmless.
    expect(loaded).toBeGreaterThan(0);
    target.dispose();
    trainer.dispose();
  });
});
